import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { canOpen } from '../domain/users';
import { PRINT_ROOT_ID } from '../print/printRootId';
import type { SessionUser, Unlocked } from '../device/desk';
import type { DeviceIdentity } from '../device/identity';
import { EnrollScreen } from './enroll/EnrollScreen';
import { HomeScreen } from './home/HomeScreen';
import { RecoveryStep } from './keys/RecoveryStep';
import { LoginScreen } from './login/LoginScreen';
import { useDesk, useLive } from './services';
import { useSession } from './session';
import { errorText } from './shared/errors';
import { LanguageToggle } from './shared/LanguageToggle';
import { useIdleLock } from './shared/useIdleLock';
import { StorageBanner } from './shared/StorageBanner';
import { useOnline } from './shared/useOnline';
import { UpdateBanner } from './update/UpdateBanner';

// Admin screens are not needed at a clerk's desk: they load on first use (and are precached).
const UsersScreen = lazy(() => import('./admin/UsersScreen').then((m) => ({ default: m.UsersScreen })));
const DeskScreen = lazy(() => import('./desk/DeskScreen').then((m) => ({ default: m.DeskScreen })));
const PatientScreen = lazy(() => import('./desk/PatientScreen').then((m) => ({ default: m.PatientScreen })));
const QueueScreen = lazy(() => import('./queue/QueueScreen').then((m) => ({ default: m.QueueScreen })));
const KioskScreen = lazy(() => import('./kiosk/KioskScreen').then((m) => ({ default: m.KioskScreen })));
// The lab's screens load together: a technician uses all of them, a clerk none.
const LabRoutes = lazy(() => import('./lab/LabRoutes').then((m) => ({ default: m.LabRoutes })));
const DeviceScreen = lazy(() => import('./admin/DeviceScreen').then((m) => ({ default: m.DeviceScreen })));
const SyncScreen = lazy(() => import('./sync/SyncScreen').then((m) => ({ default: m.SyncScreen })));

type Boot = { state: 'loading' } | { state: 'failed'; error: unknown } | { state: 'ready' };

export function App() {
  const { t } = useTranslation();
  const desk = useDesk();
  const [boot, setBoot] = useState<Boot>({ state: 'loading' });
  const identity = useLive((d) => d.identity(), []);
  const { user, locked, kiosk, login, lock, logout } = useSession();
  // Shown once, right after the device's key was made; held by this screen only.
  const [recoveryCode, setRecoveryCode] = useState<string | null>(null);
  const enter = useCallback(({ recoveryCode: code, ...who }: Unlocked) => {
    if (code) setRecoveryCode(code);
    login(who);
  }, [login]);
  const settings = useLive((d) => d.settings(), []);
  const onIdle = useCallback(() => lock(), [lock]);
  const [, navigate] = useHashLocation();
  // Every session locks when left alone. The waiting-room display has no session to lock.
  useIdleLock(Boolean(user) && !locked, settings?.idleMinutes ?? 5, onIdle);
  const leaveDisplay = useCallback((by: Unlocked) => {
    // Off the display's address first: the display route would turn the new session into a display again.
    navigate('/queue', { replace: true });
    enter(by);
  }, [navigate, enter]);

  // Locking, logging out and turning the tab into a display all take the data key out of memory.
  const hasUser = Boolean(user);
  useEffect(() => {
    if (!hasUser || locked) {
      desk.lock();
      // The last printout is kept for the print dialog; the print code is loaded only if something was printed.
      if (document.getElementById(PRINT_ROOT_ID)) void import('../print/printJob').then((m) => m.clearPrinted());
    }
  }, [desk, hasUser, locked]);

  useEffect(() => {
    desk.start().then(() => setBoot({ state: 'ready' }), (error: unknown) => setBoot({ state: 'failed', error }));
  }, [desk]);

  let content;
  if (boot.state === 'failed') content = <main className="screen"><p className="form-error" role="alert">{errorText(boot.error, t)}</p></main>;
  else if (boot.state === 'loading' || identity === undefined) content = <main className="screen"><p>{t('app.loading')}</p></main>;
  else if (identity === null) content = <EnrollScreen onEnrolled={enter} />;
  else if (kiosk !== null) {
    // No top bar, no tabs, no banners: a display shows the board whatever the address.
    return (
      <Suspense fallback={<main className="display"><p>{t('app.loading')}</p></main>}>
        <KioskScreen dept={kiosk} onLeave={leaveDisplay} />
      </Suspense>
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
      <div hidden={locked} aria-hidden={locked}>{content}</div>
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

function Shell({ user, identity }: { user: SessionUser; identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const screens = [
    { key: 'home', path: '/', label: t('nav.home') },
    { key: 'desk', path: '/desk', label: t('nav.desk') },
    { key: 'queue', path: '/queue', label: t('nav.queue') },
    { key: 'lab', path: '/lab', label: t('nav.lab') },
    { key: 'users', path: '/users', label: t('nav.users') },
    { key: 'device', path: '/device', label: t('nav.device') },
    { key: 'sync', path: '/sync', label: t('nav.sync') },
  ].filter((s) => canOpen(user.role, s.key));
  // A clerk's home is the registration desk itself: no extra tap before the first patient.
  const home = user.role === 'clerk' ? <DeskScreen /> : <HomeScreen user={user} identity={identity} />;
  return (
    <Router hook={useHashLocation}>
      <nav className="tabs">
        {screens.map((s) => <Link key={s.key} href={s.path}>{s.label}</Link>)}
      </nav>
      <Suspense fallback={<main className="screen"><p>{t('app.loading')}</p></main>}>
        <Switch>
          <Route path="/">{home}</Route>
          {canOpen(user.role, 'desk') ? <Route path="/desk"><DeskScreen /></Route> : null}
          {canOpen(user.role, 'desk') ? <Route path="/patient/:id">{(params) => <PatientScreen key={params.id} id={params.id} />}</Route> : null}
          {canOpen(user.role, 'queue') ? <Route path="/queue"><QueueScreen /></Route> : null}
          {canOpen(user.role, 'queue') ? <Route path="/display/:dept">{(params) => <EnterDisplay dept={params.dept} />}</Route> : null}
          {canOpen(user.role, 'lab') ? <Route path="/lab" nest><LabRoutes /></Route> : null}
          {canOpen(user.role, 'users') ? <Route path="/users"><UsersScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'device') ? <Route path="/device"><DeviceScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'sync') ? <Route path="/sync"><SyncScreen actor={user} /></Route> : null}
          {/* A screen this role may not open (or an old link) shows the role's home instead. */}
          <Route>{home}</Route>
        </Switch>
      </Suspense>
    </Router>
  );
}

/**
 * Opening the display ends this tab's session: the screen then belongs to the waiting hall. Not
 * from under the lock screen, where a passer-by typing the address would end someone's work.
 */
function EnterDisplay({ dept }: { dept: string }) {
  const openDisplay = useSession((s) => s.openDisplay);
  const locked = useSession((s) => s.locked);
  useEffect(() => {
    if (!locked) openDisplay(dept);
  }, [openDisplay, dept, locked]);
  return null;
}
