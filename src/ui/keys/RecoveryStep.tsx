import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hospitalDate } from '../../domain/time/hospitalClock';
import type { DeviceIdentity } from '../../device/identity';
import { loadLanguage } from '../i18n';
import { useDesk } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';

/**
 * Right after the device's key is made (enrollment, or the first login after the update): the
 * recovery code and its sheet to print, at every login until someone says it is put away; then
 * only its wrap of the data key is kept.
 */
export function RecoveryStep({ code, identity, onDone }: { code: string; identity: DeviceIdentity; onDone: () => void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [printed, setPrinted] = useState(false);
  const [error, setError] = useState<unknown>(null);

  async function print() {
    setError(null);
    try {
      // The sheet is in both languages; the app loads only the one in use (ui/i18n).
      const [{ printRecoverySheet }] = await Promise.all([import('../../print/printRecovery'), loadLanguage('hi')]);
      await printRecoverySheet({ hospital: identity.hospital, device: identity.code, date: hospitalDate(desk.now(), identity.timeZone), code });
    } catch (err) {
      setError(err);
    }
  }

  return (
    <main className="screen narrow">
      <h1>{t('keys.title')}</h1>
      <p>{t('keys.intro')}</p>
      <p className="recovery-code" data-testid="recovery-code">{code}</p>
      <button type="button" className="primary" onClick={() => void print()}>{t('keys.print')}</button>
      <FormError text={error ? errorText(error, t) : null} />
      <label className="check">
        <input type="checkbox" checked={printed} onChange={(e) => setPrinted(e.target.checked)} />
        <span>{t('keys.printed')}</span>
      </label>
      <button type="button" className="primary" disabled={!printed}
        onClick={() => void desk.accounts.recoveryPutAway().then(onDone, setError)}>{t('keys.done')}</button>
    </main>
  );
}
