import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { DeskDb } from './device/db';
import { Desk } from './device/desk';
import { KeyRing } from './device/keyRing';
import { defaultLocks } from './device/locks';
import { openLegacyPouchLog, openPouchLog } from './device/pouchLog';
import { requestPersistence } from './device/storageStatus';
import { App } from './ui/App';
import { initI18n } from './ui/i18n';
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
  openLog: (device) => openPouchLog(device, locks, now, keyRing),
  openLegacyLog: openLegacyPouchLog,
});

initI18n();
void requestPersistence();
if (import.meta.env.PROD) void registerServiceWorker();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <DeskProvider desk={desk}>
      <App />
    </DeskProvider>
  </StrictMode>,
);
