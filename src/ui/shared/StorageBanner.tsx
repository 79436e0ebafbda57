import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StorageLevel } from '../../domain/storage';
import { useDesk } from '../services';

const CHECK_EVERY_MS = 5 * 60_000;

/** Everyone at the desk sees when storage is filling up, not only the administrator. */
export function StorageBanner() {
  const { t } = useTranslation();
  const desk = useDesk();
  const [level, setLevel] = useState<StorageLevel>('unknown');
  useEffect(() => {
    const check = () => void desk.storageStatus().then((s) => setLevel(s.level), () => setLevel('unknown'));
    check();
    const timer = window.setInterval(check, CHECK_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [desk]);
  if (level !== 'warn' && level !== 'critical') return null;
  return <div className={`banner ${level}`} role="alert">{t(`device.${level}`)}</div>;
}
