import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceIdentity } from '../../device/identity';
import { recentInstant, wallTime } from '../../domain/lab/wallClock';
import { zoneName } from '../../domain/time/hospitalClock';
import { useDesk } from '../services';

/** Who was told the critical values, when, and that they read them back. */
export function CallOutForm({ identity, onSubmit }: { identity: DeviceIdentity; onSubmit: (input: { to: string; readBack: boolean; calledAt: string }) => void }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const [to, setTo] = useState('');
  const [readBack, setReadBack] = useState(false);
  const [time, setTime] = useState(() => wallTime(desk.now(), identity.timeZone));
  return (
    <form className="row" onSubmit={(e) => {
      e.preventDefault();
      onSubmit({ to, readBack, calledAt: recentInstant(time, desk.now(), identity.timeZone) ?? 'invalid' });
    }}>
      <div className="field">
        <label htmlFor="co-to">{t('results.callTo')}</label>
        <input id="co-to" maxLength={70} value={to} onChange={(e) => setTo(e.target.value)} />
      </div>
      <div className="field">
        <label htmlFor="co-time">{t('results.callTime', { zone: zoneName(desk.now(), identity.timeZone) })}</label>
        <input id="co-time" type="time" value={time} onChange={(e) => setTime(e.target.value)} />
      </div>
      <label className="check"><input type="checkbox" checked={readBack} onChange={(e) => setReadBack(e.target.checked)} /> {t('results.readBack')}</label>
      <button type="submit" className="primary">{t('results.recordCall')}</button>
    </form>
  );
}
