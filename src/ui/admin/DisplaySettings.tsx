import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';

/** What the waiting-room display may show besides token numbers and rooms. Off by default: no names. */
export function DisplaySettings({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const settings = useLive((d) => d.settings(), []);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="narrow">
      <label className="check">
        <input type="checkbox" checked={settings?.displayInitials ?? false} disabled={!settings}
          onChange={(e) => {
            setError(null);
            void desk.setDisplayInitials(actor, e.target.checked).catch((err: unknown) => setError(errorText(err, t)));
          }} />
        <span>{t('device.displayInitials')}</span>
      </label>
      <FormError text={error} />
    </div>
  );
}
