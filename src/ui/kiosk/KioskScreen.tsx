import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { LoginScreen } from '../login/LoginScreen';
import { DisplayScreen } from '../queue/DisplayScreen';

/**
 * A tab turned into a waiting-room display: the board and one way out, a PIN of any user of the
 * device. Whatever the address says, nothing else is drawn here.
 */
export function KioskScreen({ dept, onLeave }: { dept: string; onLeave: (user: SessionUser) => void }) {
  const { t, i18n } = useTranslation();
  const [leaving, setLeaving] = useState(false);
  if (leaving) return <LoginScreen title={t('kiosk.leaveTitle')} onLogin={onLeave} onCancel={() => setLeaving(false)} />;
  return (
    <>
      <DisplayScreen dept={dept} />
      {/* Bilingual and quiet: whoever walks up to the wall may need it, nobody in the hall should notice it. */}
      <button type="button" className="kiosk-leave" onClick={() => setLeaving(true)}>
        {i18n.getFixedT('en')('kiosk.leave')} · {i18n.getFixedT('hi')('kiosk.leave')}
      </button>
    </>
  );
}
