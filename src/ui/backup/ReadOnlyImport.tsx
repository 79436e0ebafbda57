import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { importReadOnly, type BundleProgress } from '../../device/backupDesk';
import { fileBytes } from '../../device/fileText';
import { BundleRefusal } from '../../domain/backup/refusal';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';
import { BundleProgressBar } from './BundleProgressBar';

/**
 * Another tablet's bundle, brought in read-only: its patients, queues and lab work show here as
 * pulled events. The hospital's private backup key file is read for this import only.
 */
export function ReadOnlyImport() {
  const { t } = useTranslation();
  const desk = useDesk();
  const [bundle, setBundle] = useState<File | null>(null);
  const [keyFile, setKeyFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<BundleProgress | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run() {
    if (!bundle || !keyFile) return;
    setBusy(true);
    setError(null);
    setMessage(null);
    try {
      const r = await importReadOnly(desk, { keyFileText: await keyFile.text(), bundle: () => fileBytes(bundle), onProgress: setProgress });
      setMessage(t('backup.imported', { device: r.device, from: r.from, to: r.to, count: r.added }));
    } catch (err) {
      // The reason in the user's language; the English detail (event, key id) for whoever is called.
      setError(err instanceof BundleRefusal ? t('backup.refused', { reason: t(`backup.refusedCode.${err.code}`), detail: err.message }) : errorText(err, t));
    } finally {
      setBusy(false);
      setProgress(null);
    }
  }

  return (
    <form className="narrow" noValidate onSubmit={(e) => { e.preventDefault(); void run(); }}>
      <h3>{t('backup.importTitle')}</h3>
      <p>{t('backup.importWhy')}</p>
      <label>{t('backup.bundleFile')}<input type="file" accept=".ddbundle" onChange={(e) => setBundle(e.target.files?.[0] ?? null)} /></label>
      <label>{t('backup.keyFile')}<input type="file" accept=".json" onChange={(e) => setKeyFile(e.target.files?.[0] ?? null)} /></label>
      <button type="submit" className="secondary" disabled={busy || !bundle || !keyFile}>{busy ? t('backup.importing') : t('backup.import')}</button>
      {progress ? <BundleProgressBar progress={progress} /> : null}
      {message ? <p className="ok" role="status">{message}</p> : null}
      <FormError text={error} />
    </form>
  );
}
