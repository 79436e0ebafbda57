import { useRef, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Sheet } from '../../domain/lab/results/sheet';
import { formatRange, formatValue } from '../../domain/lab/results/values';
import { answerFromHindi, answerHi } from '../i18n/answersHi';

interface Props {
  sheet: Sheet;
  typed: Readonly<Record<string, string>>;
  onChange?: ((key: string, value: string) => void) | undefined;
  /** Enter on the last row: e.g. move to the save button. */
  onLastEnter?: (() => void) | undefined;
}

/**
 * One row per analyte, keyboard first: Enter moves down, the flag and any refusal show as the
 * value is typed. Without onChange the grid only shows values (entered or released). A Hindi
 * screen shows qualitative answers with their Hindi labels; what is stored is the canonical answer.
 */
export function ResultGrid({ sheet, typed, onChange, onLastEnter }: Props) {
  const { t, i18n } = useTranslation();
  const inputs = useRef(new Map<string, HTMLInputElement>());
  const editable = sheet.lines.filter((l) => !l.calculated);
  const hi = i18n.language === 'hi';

  function onKey(e: KeyboardEvent<HTMLInputElement>, key: string) {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    const at = editable.findIndex((l) => l.key === key);
    const next = editable[at + 1];
    if (next) inputs.current.get(next.key)?.focus();
    else onLastEnter?.();
  }

  return (
    <div className="table-scroll">
      <table className="result-grid">
        <thead>
          <tr><th>{t('results.analyte')}</th><th>{t('results.value')}</th><th>{t('results.flag')}</th><th>{t('results.unit')}</th><th>{t('results.range')}</th></tr>
        </thead>
        <tbody>
          {sheet.lines.map((l) => {
            const a = l.analyte;
            const label = `${l.test} ${hi ? a.nameHi : a.name}`;
            const listId = a.kind === 'choice' ? `answers-${l.key}` : undefined;
            return (
              <tr key={l.key} className={l.critical ? 'critical' : l.flag ? 'flagged' : undefined}>
                <th scope="row">
                  {hi ? a.nameHi : a.name} <small className="hint">{l.test}{a.optional ? ` · ${t('results.optional')}` : ''}</small>
                </th>
                <td>
                  {l.calculated || !onChange ? (
                    <span data-testid={`value-${l.key}`}>
                      {l.value !== undefined ? formatValue(a, l.value) : (typed[l.key] ?? '')}
                      {hi && a.kind === 'choice' && typeof l.value === 'string' && answerHi(l.value) !== l.value ? <span lang="hi"> · {answerHi(l.value)}</span> : null}
                      {l.calculated ? <small className="hint"> ({t('results.calculated')})</small> : null}
                    </span>
                  ) : (
                    <>
                      <input
                        ref={(el) => { if (el) inputs.current.set(l.key, el); else inputs.current.delete(l.key); }}
                        aria-label={label} value={typed[l.key] ?? ''} list={listId}
                        inputMode={a.kind === 'number' ? 'decimal' : undefined}
                        aria-invalid={l.problem ? true : undefined}
                        onChange={(e) => onChange(l.key, a.kind === 'choice' ? answerFromHindi(e.target.value, a.answers) : e.target.value)}
                        onKeyDown={(e) => onKey(e, l.key)}
                      />
                      {a.kind === 'choice' ? <datalist id={listId}>{a.answers.map((x) => <option key={x} value={x} label={hi ? answerHi(x) : undefined} />)}</datalist> : null}
                      {l.problem ? (
                        <span className="field-error" role="alert">{t(`errors.${l.problem.code}`, { defaultValue: t('errors.invalid'), ...l.problem.params })}</span>
                      ) : null}
                    </>
                  )}
                </td>
                <td className="flag">
                  {l.flag ? <strong>{l.flag}</strong> : null}{l.critical ? <span className="badge critical-badge"> {t('results.critical')}</span> : null}
                </td>
                <td>{a.kind === 'number' ? a.unit : ''}</td>
                <td>{a.kind === 'number' ? formatRange(a, l.range) : a.kind === 'choice' ? a.normal.map((x) => (hi ? answerHi(x) : x)).join(', ') : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
