import { useTranslation } from 'react-i18next';
import type { BundleProgress } from '../../device/backupDesk';

/**
 * A bundle being brought in (read-only import, or a replacement's restore): one bar over both
 * reads, checking first and storing second, so it only ever moves forward.
 */
export function BundleProgressBar({ progress }: { progress: BundleProgress }) {
  const { t } = useTranslation();
  const { phase, done, total } = progress;
  const label = t(`backup.${phase}`, { done, total });
  return (
    <div className="progress-box">
      <progress data-testid="bundle-progress" max={2 * total} value={(phase === 'storing' ? total : 0) + done} aria-label={label} />
      <p>{label}</p>
    </div>
  );
}
