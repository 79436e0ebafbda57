import { useTranslation } from 'react-i18next';

/**
 * What a screen shows while its code or data loads. `aria-busy` tells assistive technology that
 * the region is not ready yet, and lets the layout tests wait for the screen rather than a time.
 */
export function Loading({ className = 'screen' }: { className?: string }) {
  const { t } = useTranslation();
  return <main className={className} aria-busy="true"><p>{t('app.loading')}</p></main>;
}
