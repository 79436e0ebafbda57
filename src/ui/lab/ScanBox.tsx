import { useTranslation } from 'react-i18next';

export type ScanState = { kind: 'idle' } | { kind: 'badId'; reason: 'idFormat' | 'idCheck' } | { kind: 'notFound'; id: string };

/**
 * The always-visible specimen box at the top of the lab screens. A scan that lands anywhere else
 * (see useScanner) reports here too, so a refused scan is always explained in the same place.
 */
export function ScanBox({ value, onChange, onSubmit, state }: {
  value: string; onChange: (v: string) => void; onSubmit: (v: string) => void; state: ScanState;
}) {
  const { t } = useTranslation();
  const message = state.kind === 'badId' ? t(`lab.${state.reason}`) : state.kind === 'notFound' ? t('lab.notFound', { id: state.id }) : null;
  return (
    <form className="scan-box" role="search" onSubmit={(e) => { e.preventDefault(); onSubmit(value); }}>
      <div className="field">
        <label htmlFor="lab-scan">{t('lab.scan')}</label>
        <div className="row">
          <input id="lab-scan" autoComplete="off" spellCheck={false} maxLength={40} value={value} className="code-input"
            aria-describedby="lab-scan-hint lab-scan-error" onChange={(e) => onChange(e.target.value)} />
          <button type="submit" className="secondary">{t('lab.open')}</button>
        </div>
        <small id="lab-scan-hint" className="hint">{t('lab.scanHint')}</small>
        <span id="lab-scan-error" className="field-error" role={message ? 'alert' : undefined}>{message}</span>
      </div>
    </form>
  );
}
