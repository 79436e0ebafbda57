import { useTranslation } from 'react-i18next';
import type { Triage } from '../../domain/emergency/codes';

/** The category in its colour and in words (colour alone says nothing to a colour-blind clerk or a printout). */
export function TriageBadge({ category }: { category: Triage | undefined }) {
  const { t } = useTranslation();
  return <span className={`triage triage-${category ?? 'none'}`}>{category ? t(`emergency.category_${category}`) : t('emergency.notTriaged')}</span>;
}
