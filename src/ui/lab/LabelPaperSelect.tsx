import { useTranslation } from 'react-i18next';
import { LABEL_PAPERS, type LabelPaper } from '../../domain/lab/paper';
import { useLabPrefs } from './labPrefs';

/** The label roll in this bench's printer; remembered, and offered wherever labels print. */
export function LabelPaperSelect() {
  const { t } = useTranslation();
  const { paper, remember } = useLabPrefs();
  return (
    <div className="field">
      <label htmlFor="lab-paper">{t('lab.labelPaper')}</label>
      <select id="lab-paper" value={paper} onChange={(e) => remember({ paper: e.target.value as LabelPaper })}>
        {LABEL_PAPERS.map((p) => <option key={p} value={p}>{t(p === '50x25' ? 'lab.paper50' : 'lab.paper38')}</option>)}
      </select>
    </div>
  );
}
