import { useTranslation } from 'react-i18next';
import { useUpdate } from './updateStore';

export function UpdateBanner() {
  const { t } = useTranslation();
  const { apply, dismiss } = useUpdate();
  if (!apply) return null;
  return (
    <div className="banner" role="status">
      <span>{t('update.available')} <small>{t('update.note')}</small></span>
      <button type="button" className="primary" onClick={apply}>{t('update.apply')}</button>
      <button type="button" className="secondary" onClick={dismiss}>{t('update.later')}</button>
    </div>
  );
}
