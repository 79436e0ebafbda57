import { useTranslation } from 'react-i18next';
import { setLanguage } from '../i18n';

export function LanguageToggle() {
  const { t, i18n } = useTranslation();
  return (
    <button type="button" className="secondary" onClick={() => setLanguage(i18n.language === 'hi' ? 'en' : 'hi')}>
      {t('app.language')}
    </button>
  );
}
