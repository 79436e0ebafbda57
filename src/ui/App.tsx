import { Suspense, useCallback, useEffect, useState } from 'react';
import { LoadFailure } from './shared/LoadFailure';
import { useTranslation } from 'react-i18next';
import { useHashLocation } from 'wouter/use-hash-location';
import { PRINT_ROOT_ID } from '../print/printRootId';
import type { SessionUser, Unlocked } from '../device/desk';
import type { DeviceIdentity } from '../device/identity';
import { LoginScreen } from './login/LoginScreen';
import { useDoorLive, useFrontDoor } from './services';
import { useSession } from './session';
import { errorText } from './shared/errors';
import { loadLanguage } from './i18n';
import { LanguageToggle } from './shared/LanguageToggle';
import { lazyScreen } from './shared/lazyScreen';
import { useIdleLock } from './shared/useIdleLock';
import { StorageBanner } from './shared/StorageBanner';
import { useOnline } from './shared/useOnline';
import { UpdateBanner } from './update/UpdateBanner';
import { Loading } from './shared/Loading';

// The first load carries the login screen and little else (issue 15; `npm run size`). What a
// session needs (the tabs and every screen behind them, with the domain's schemas), enrolling a new
// device and the one-time recovery step load on first use, each with its strings (i18n/areas.ts);
// the service worker precaches them all, so they open offline too.
const Shell = lazyScreen('shell', () => import('./Shell').then((m) => m.Shell));
const EnrollScreen = lazyScreen('enroll', () => import('./enroll/EnrollScreen').then((m) => m.EnrollScreen));
const RecoveryStep = lazyScreen('keys', () => import('./keys/RecoveryStep').then((m) => m.RecoveryStep));
// The display is bilingual whatever the language in use: it waits for the Hindi strings too.
const KioskScreen = lazyScreen('kiosk', () => Promise.all([import('./kiosk/KioskScreen'), loadLanguage('hi')]).then(([m]) => m.KioskScreen));

type Boot = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready' };

export function App() {
  const { t } = useTranslation();
  // The front door, not the desk: the login screen is drawn before Dexie and the rest load (issue 15).
  const door = useFrontDoor();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const identity = useDoorLive((d) => d.identity(), []);
  const { user, locked, kiosk, login, lock, logout } = useSession();
  // Shown once, right after the device's key was made; held by this screen only.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const enter = useCallback(({ recoveryCode: code, ...who }: Unlocked) => {
    if (code) setRecoveryCode(code);
    login(who);
  }, [login]);
  const idleMinutes = useDoorLive((d) => d.idleMinutes(), []);
  const onIdle = useCallback(() => lock(), [lock]);
  const [, navigate] = useHashLocation();
  // Every session locks when left alone. The waiting-room display has no session to lock.
  useIdleLock(Boolean(user) && !locked, idleMinutes ?? 5, onIdle);
  const leaveDisplay = useCallback((by: Unlocked) => {
    // Off the display's address first: the display route would turn the new session into a display again.
    navigate('/queue', { replace: true });
    enter(by);
  }, [navigate, enter]);

  // Locking, logging out and turning the tab into a display all take the data key out of memory.
  const hasUser = Boolean(user);
  useEffect(() => {
    if (!hasUser || locked) {
      door.lock();
      // The last printout is kept for the print dialog; the print code is loaded only if something was printed.
      if (document.getElementById(PRINT_ROOT_ID)) void import('../print/printJob').then((m) => m.clearPrinted());
    }
  }, [door, hasUser, locked]);

  useEffect(() => {
    door.identity().then(() => setBoot({ state: 'ready' }), (error: unknown) => setBoot({ state: 'failed', error }));
  }, [door]);

  let content;
  if (boot.state === 'failed') content = <main className="screen"><p className="form-error" role="alert">{errorText(boot.error, t)}</p></main>;
  else if (boot.state === 'loading' || identity === undefined) content = <Loading />;
  else if (identity === null) content = <EnrollScreen onEnrolled={enter} />;
  else if (kiosk !== null) {
    // No top bar, no tabs, no banners: a display shows the board whatever the address.
    return (
      <LoadFailure>
        <Suspense fallback={<Loading className="display" />}>
          <KioskScreen dept={kiosk} onLeave={leaveDisplay} />
        </Suspense>
      </LoadFailure>
    );
  }
  else if (!user) content = <LoginScreen onLogin={enter} />;
  else if (recoveryCode) content = <RecoveryStep code={recoveryCode} identity={identity} onDone={() => setRecoveryCode(null)} />;
  else content = <Shell user={user} identity={identity} />;

  return (
    <>
      <Header identity={identity ?? null} user={user} onLock={lock} onLogout={logout} />
      <UpdateBanner />
      {user ? <StorageBanner /> : null}
      {/* The lock screen covers the work instead of replacing it, so a half-filled form survives. */}
      <div hidden={locked} aria-hidden={locked}>
        <LoadFailure><Suspense fallback={<Loading />}>{content}</Suspense></LoadFailure>
      </div>
      {locked && user ? <LoginScreen fixedUser={user} onLogin={enter} onSwitchUser={logout} /> : null}
    </>
  );
}

function Header({ identity, user, onLock, onLogout }: {
  identity: DeviceIdentity | null; user: SessionUser | null; onLock: () => void; onLogout: () => void;
}) {
  const { t } = useTranslation();
  const online = useOnline();
  return (
    <header className="topbar">
      <strong>{t('app.title')}</strong>
      {identity ? <span className="device-badge">{identity.code}</span> : null}
      <span className={online ? 'net online' : 'net offline'}>{online ? t('app.online') : t('app.offline')}</span>
      <span className="spacer" />
      <LanguageToggle />
      {user ? (
        <>
          <span className="who">{user.name} · {t(`roles.${user.role}`)}</span>
          <button type="button" className="secondary" onClick={onLock}>{t('nav.lock')}</button>
          <button type="button" className="secondary" onClick={onLogout}>{t('nav.logout')}</button>
        </>
      ) : null}
    </header>
  );
}
