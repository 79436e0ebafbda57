import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskDb } from './device/db';
import { Desk } from './device/desk';
import { KeyRing } from './device/keyRing';
import { defaultLocks } from './device/locks';
import { requestPersistence } from './device/storageStatus';
import { App } from './ui/App';
import { initI18n, languageReady } from './ui/i18n';
import { DeskProvider } from './ui/services';
import { registerServiceWorker } from './ui/update/registerServiceWorker';
import './ui/styles.css';

// The one place that wires the pieces together.
const locks = defaultLocks();
const now = () => new Date();
const keyRing = new KeyRing();
const desk = new Desk({
  db: new DeskDb('downtime-desk', keyRing),
  keyRing,
  locks,
  now,
  // The log (PouchDB, the events' schemas, the sealing of events) opens at a login, never before:
  // it stays out of the first load (issue 15).
  openLog: async (device) => (await import('./device/pouchLog')).openPouchLog(device, locks, now, keyRing),
  openLegacyLog: async () => (await import('./device/pouchLog')).openLegacyPouchLog(),
});

initI18n();
void requestPersistence();
if (import.meta.env.PROD) void registerServiceWorker();

// A Hindi desk's dictionary is loaded before the first paint (from the precache when offline), so
// the login screen never flashes in English.
void languageReady().then(() => createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskProvider desk={desk}>
      <App />
    </DeskProvider>
  </StrictMode>,
));
