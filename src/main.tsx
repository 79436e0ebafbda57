import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { LightDoor } from './device/frontDoor';
import { readLoginFacts } from './device/loginReader';
import { onStorageChange } from './device/storageChanges';
import { requestPersistence } from './device/storageStatus';
import { App } from './ui/App';
import { initI18n, languageReady } from './ui/i18n';
import { DeskProvider } from './ui/services';
import { registerServiceWorker } from './ui/update/registerServiceWorker';
import './ui/styles.css';

// The one place that wires the pieces together.
const DB_NAME = 'downtime-desk';

/**
 * The whole desk: Dexie, the key ring, the desk's use-cases. None of it is in the first load
 * (issue 15): the login screen reads straight from IndexedDB (device/loginReader.ts), and this
 * loads when a PIN is typed, a device is enrolled or the waiting-room display opens; the service
 * worker precaches it, so it loads offline too.
 */
async function openDesk() {
  const [{ DeskDb }, { Desk }, { KeyRing }, { defaultLocks }] = await Promise.all([
    import('./device/db'), import('./device/desk'), import('./device/keyRing'), import('./device/locks'),
  ]);
  const locks = defaultLocks();
  const now = () => new Date();
  const keyRing = new KeyRing();
  return new Desk({
    db: new DeskDb(DB_NAME, keyRing),
    keyRing,
    locks,
    now,
    // The log (PouchDB, the events' schemas, the sealing of events) opens at a login, never before.
    openLog: async (device) => (await import('./device/pouchLog')).openPouchLog(device, locks, now, keyRing),
    openLegacyLog: async () => (await import('./device/pouchLog')).openLegacyPouchLog(),
  });
}

const door = new LightDoor({
  read: () => readLoginFacts(DB_NAME),
  changes: (listener) => onStorageChange(DB_NAME, listener),
  openDesk,
});

initI18n();
void requestPersistence();
if (import.meta.env.PROD) void registerServiceWorker();

// A Hindi desk's dictionary is loaded before the first paint (from the precache when offline), so
// the login screen never flashes in English.
void languageReady().then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskProvider door={door}>
      <App />
    </DeskProvider>
  </StrictMode>,
));
