import { Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Route, Router, Switch, useLocation } from 'wouter';
import { useHashLocation } from 'wouter/use-hash-location';
import { canOpen } from '../domain/users';
import type { SessionUser } from '../device/desk';
import type { DeviceIdentity } from '../device/identity';
import { HomeScreen } from './home/HomeScreen';
import { ReminderWhenDue } from './backup/ReminderWhenDue';
import { useSession } from './session';
import { lazyScreen } from './shared/lazyScreen';
import { Loading } from './shared/Loading';

// The session's screens, loaded after the login (App.tsx), each with its strings (i18n/areas.ts).
// Admin screens are not needed at a clerk's desk: they load on first use (and are precached).
const UsersScreen = lazyScreen('admin', () => import('./admin/UsersScreen').then((m) => m.UsersScreen));
const DeskScreen = lazyScreen('desk', () => import('./desk/DeskScreen').then((m) => m.DeskScreen));
const PatientScreen = lazyScreen('desk', () => import('./desk/PatientScreen').then((m) => m.PatientScreen));
const EmergencyRoutes = lazyScreen('emergency', () => import('./emergency/EmergencyRoutes').then((m) => m.EmergencyRoutes));
const WardRoutes = lazyScreen('wards', () => import('./wards/WardRoutes').then((m) => m.WardRoutes));
const QueueScreen = lazyScreen('queue', () => import('./queue/QueueScreen').then((m) => m.QueueScreen));
// The lab's screens load together: a technician uses all of them, a clerk none.
const LabRoutes = lazyScreen('lab', () => import('./lab/LabRoutes').then((m) => m.LabRoutes));
const DeviceScreen = lazyScreen('admin', () => import('./admin/DeviceScreen').then((m) => m.DeviceScreen));
const SyncScreen = lazyScreen('sync', () => import('./sync/SyncScreen').then((m) => m.SyncScreen));
const HisImportScreen = lazyScreen('his', () => import('./his/HisImportScreen').then((m) => m.HisImportScreen));
const ReconcileScreen = lazyScreen('reconcile', () => import('./reconcile/ReconcileScreen').then((m) => m.ReconcileScreen));

/** The tabs a role may open and their screens: what a session shows once unlocked. */
export function Shell({ user, identity }: { user: SessionUser; identity: DeviceIdentity }) {
  const { t } = useTranslation();
  const screens = [
    { key: 'home', path: '/', label: t('nav.home') },
    { key: 'desk', path: '/desk', label: t('nav.desk') },
    { key: 'queue', path: '/queue', label: t('nav.queue') },
    { key: 'emergency', path: '/emergency', label: t('nav.emergency') },
    { key: 'wards', path: '/wards', label: t('nav.wards') },
    { key: 'lab', path: '/lab', label: t('nav.lab') },
    { key: 'users', path: '/users', label: t('nav.users') },
    { key: 'device', path: '/device', label: t('nav.device') },
    { key: 'sync', path: '/sync', label: t('nav.sync') },
    { key: 'his', path: '/his', label: t('nav.his') },
    { key: 'reconcile', path: '/reconcile', label: t('nav.reconcile') },
  ].filter((s) => canOpen(user.role, s.key));
  // A clerk's home is the registration desk itself: no extra tap before the first patient.
  const home = user.role === 'clerk' ? <DeskScreen /> : <HomeScreen user={user} identity={identity} />;
  return (
    <Router hook={useHashLocation}>
      {canOpen(user.role, 'emergency') ? <UnknownPatientShortcut /> : null}
      <nav className="tabs">
        {screens.map((s) => <Link key={s.key} href={s.path}>{s.label}</Link>)}
      </nav>
      {user.role === 'admin' || user.role === 'clerk' ? <ReminderWhenDue /> : null}
      <Suspense fallback={<Loading />}>
        <Switch>
          <Route path="/">{home}</Route>
          {canOpen(user.role, 'desk') ? <Route path="/desk"><DeskScreen /></Route> : null}
          {canOpen(user.role, 'desk') ? <Route path="/patient/:id">{(params) => <PatientScreen key={params.id} id={params.id} />}</Route> : null}
          {canOpen(user.role, 'queue') ? <Route path="/queue"><QueueScreen /></Route> : null}
          {canOpen(user.role, 'queue') ? <Route path="/display/:dept">{(params) => <EnterDisplay dept={params.dept} />}</Route> : null}
          {canOpen(user.role, 'emergency') ? <Route path="/emergency" nest><EmergencyRoutes /></Route> : null}
          {canOpen(user.role, 'wards') ? <Route path="/wards" nest><WardRoutes /></Route> : null}
          {canOpen(user.role, 'lab') ? <Route path="/lab" nest><LabRoutes /></Route> : null}
          {canOpen(user.role, 'users') ? <Route path="/users"><UsersScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'device') ? <Route path="/device"><DeviceScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'sync') ? <Route path="/sync"><SyncScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'his') ? <Route path="/his"><HisImportScreen actor={user} /></Route> : null}
          {canOpen(user.role, 'reconcile') ? <Route path="/reconcile"><ReconcileScreen actor={user} /></Route> : null}
          {/* A screen this role may not open (or an old link) shows the role's home instead. */}
          <Route>{home}</Route>
        </Switch>
      </Suspense>
    </Router>
  );
}

/** Alt+U anywhere in the session opens the unknown-patient form: an emergency does not wait for menus. */
function UnknownPatientShortcut() {
  const [, navigate] = useLocation();
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && (e.key === 'u' || e.key === 'U' || e.code === 'KeyU')) {
        e.preventDefault();
        navigate('/emergency/new');
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return null;
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
