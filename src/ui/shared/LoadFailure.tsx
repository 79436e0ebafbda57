import { Component, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * Code that loads on first use (a screen, the desk at the first PIN) can fail to arrive: offline
 * with an update half-installed, say. Without a boundary React would unmount the whole app and
 * leave a blank page; this one says so. Reloading is the way out: the service worker then serves
 * the whole installed version, and a half-installed update finishes.
 */
export class LoadFailure extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  override render() {
    return this.state.failed ? <Failed /> : this.props.children;
  }
}

function Failed() {
  const { t } = useTranslation();
  return (
    <main className="screen">
      <p className="form-error" role="alert">{t('app.loadFailed')}</p>
      <button type="button" onClick={() => window.location.reload()}>{t('app.reload')}</button>
    </main>
  );
}
