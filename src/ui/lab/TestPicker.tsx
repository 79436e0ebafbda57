import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { testCode, type Catalogue } from '../../domain/lab/catalogue';
import { SECTIONS } from '../../domain/lab/containers';
import { RemoveIcon } from '../shared/icons';

/**
 * Tests by typed short code (what an experienced technician does from the paper order) or by
 * ticking them in their sections. Unknown codes are refused on the spot, never added.
 */
export function TestPicker({ catalogue, chosen, onChange, onSubmitEmpty, error }: {
  catalogue: Catalogue; chosen: string[]; onChange: (codes: string[]) => void; onSubmitEmpty: () => void; error?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState('');
  const [unknown, setUnknown] = useState<string[]>([]);
  const known = new Set(catalogue.tests.map((x) => x.code));

  function add() {
    const codes = typed.split(/[\s,;]+/).filter(Boolean).map((c) => {
      const parsed = testCode.safeParse(c);
      return parsed.success ? parsed.data : c.toUpperCase();
    });
    const bad = codes.filter((c) => !known.has(c));
    setUnknown(bad);
    onChange([...new Set([...chosen, ...codes.filter((c) => known.has(c))])]);
    setTyped(bad.join(' '));
  }
  const toggle = (code: string) => onChange(chosen.includes(code) ? chosen.filter((c) => c !== code) : [...chosen, code]);
  const name = (code: string) => {
    const test = catalogue.tests.find((x) => x.code === code);
    return test ? (i18n.language === 'hi' ? test.nameHi : test.name) : code;
  };

  return (
    <fieldset className="test-picker">
      <legend>{t('lab.chosen', { count: chosen.length })}</legend>
      <div className="field">
        <label htmlFor="lab-codes">{t('lab.quickCodes')}</label>
        <div className="row">
          <input id="lab-codes" autoComplete="off" spellCheck={false} className="code-input" value={typed} maxLength={200} autoFocus
            aria-describedby="lab-codes-error" aria-invalid={unknown.length || error ? true : undefined}
            onChange={(e) => { setTyped(e.target.value); setUnknown([]); }}
            onKeyDown={(e) => {
              if (e.key !== 'Enter') return;
              e.preventDefault();
              if (typed.trim()) add();
              else onSubmitEmpty();
            }} />
          <button type="button" className="secondary" onClick={add}>{t('lab.addCodes')}</button>
        </div>
        <span id="lab-codes-error" className="field-error" role={unknown.length || error ? 'alert' : undefined}>
          {unknown.length ? t('lab.unknownCodes', { codes: unknown.join(', ') }) : error}
        </span>
      </div>
      {chosen.length === 0 ? <p className="hint">{t('lab.noneChosen')}</p> : (
        <ul className="chosen-tests">
          {chosen.map((code) => (
            <li key={code}>
              <strong>{code}</strong> {name(code)}
              <button type="button" className="secondary small" aria-label={t('lab.remove', { code })} onClick={() => toggle(code)}><RemoveIcon /></button>
            </li>
          ))}
        </ul>
      )}
      <details>
        <summary>{t('lab.pick')}</summary>
        <div className="sections">
          {SECTIONS.map((section) => (
            <fieldset key={section}>
              <legend>{t(`lab.section_${section}`)}</legend>
              {catalogue.tests.filter((x) => x.section === section).map((x) => (
                <label key={x.code} className="check">
                  <input type="checkbox" checked={chosen.includes(x.code)} onChange={() => toggle(x.code)} />
                  <strong>{x.code}</strong> {i18n.language === 'hi' ? x.nameHi : x.name}
                </label>
              ))}
            </fieldset>
          ))}
        </div>
      </details>
    </fieldset>
  );
}
