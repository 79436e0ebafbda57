import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDesk } from '../../device/backupDesk';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { cancelled, openBundleSink, writeFailure } from './saveBundle';

/**
 * The "Make a backup bundle" button with its progress bar; any logged-in user may press it.
 * `onMade`: the confirmation goes to the caller instead (the login reminder, which closes once
 * the bundle is made while its confirmation must stay).
 */
export function MakeBundle({ backups, onMade }: { backups: Pick<BackupDesk, 'make'>; onMade?: (text: string) => void }) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [made, setMade] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function make() {
    setError(null);
    setMade(null);
    setProgress({ done: 0, total: 1 });
    try {
      const open = (fileName: string) => openBundleSink(fileName, t('backup.fileType'));
      const bundle = await backups.make({ open, onProgress: (done, total) => setProgress({ done, total }) });
      const text = t('backup.made', { file: bundle.fileName, count: bundle.to - bundle.from + 1 });
      if (onMade) onMade(text);
      else setMade(text);
    } catch (err) {
      if (cancelled(err)) return;
      const failure = writeFailure(err);
      setError(failure ? t(`backup.writeFailed.${failure}`) : errorText(err, t));
    } finally {
      setProgress(null);
    }
  }

  return (
    <div className="bundle-maker">
      <button type="button" className="primary" onClick={make} disabled={progress !== null}>
        {progress ? t('backup.making') : t('backup.make')}
      </button>
      {progress ? (
        <progress data-testid="bundle-progress" max={progress.total} value={progress.done} aria-label={t('backup.progress', { done: progress.done, total: progress.total })} />
      ) : null}
      {made ? <p className="ok" role="status">{made}</p> : null}
      <FormError text={error} />
    </div>
  );
}
