import { useUpdate } from './updateStore';

/**
 * Register the service worker that precaches the app shell. A new version waits until the user
 * accepts it: reloading on our own could throw away a half-filled registration form.
 */
export async function registerServiceWorker(): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(`${import.meta.env.BASE_URL}sw.js`, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('waiting', () => {
    useUpdate.getState().offer(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  await wb.register();
  // Tablets stay open for days: look for a new version hourly and whenever the app comes back into view.
  setInterval(() => void wb.update(), 60 * 60_000);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void wb.update();
  });
}
