import { useTranslation } from 'react-i18next';
import { useLastToken } from './lastToken';

/** The number the patient must remember, large enough to read across the desk. */
export function LastTokenBanner() {
  const { t } = useTranslation();
  const last = useLastToken((s) => s.last);
  if (!last) return null;
  return (
    <section className="last-token" aria-label={t('token.lastIssued')}>
      <p className="last-token-caption">{t('token.lastIssued')}</p>
      <p className="last-token-number" data-testid="last-token">{last.token}</p>
      <p>{last.name} · {last.dept}</p>
    </section>
  );
}
