import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'wouter';
import { useFront } from '../useCases';
import { useSession } from '../session';
import { LastTokenBanner } from './LastTokenBanner';
import { useLastToken } from './lastToken';
import { PatientForm, emptyPatient, toInput, type PatientFormValues } from './PatientForm';
import { SearchPanel } from './SearchPanel';
import { useDeskPrefs } from './deskPrefs';

/** The clerk's home: search first; registration only when the patient is not already known. */
export function DeskScreen() {
  const { t } = useTranslation();
  const front = useFront();
  const user = useSession((s) => s.user)!;
  const [, navigate] = useLocation();
  const prefs = useDeskPrefs();
  const [registering, setRegistering] = useState<PatientFormValues | null>(null);
  const nextPatient = useLastToken((s) => s.nextPatient);

  async function register(values: PatientFormValues) {
    const patient = await front.register(user, toInput(values));
    navigate(`/patient/${patient.patient}`);
  }

  return (
    <main className="screen">
      <h1>{registering ? t('patient.register') : t('desk.title')}</h1>
      {registering ? (
        <PatientForm mode="register" initial={registering} onSubmit={register}
          onPickExisting={(p) => navigate(`/patient/${p.patient}`)} onCancel={() => setRegistering(null)} />
      ) : (
        <>
          <LastTokenBanner />
          <SearchPanel onNewPatient={(name) => { nextPatient(null); setRegistering(emptyPatient(name, prefs)); }} />
          <p><Link href="/emergency/new" className="button secondary">{t('emergency.unknownShortcut')}</Link></p>
        </>
      )}
    </main>
  );
}
