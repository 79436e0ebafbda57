import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChainReport } from '../../domain/events/chain';
import { ALL_CLEAR_ID } from '../../domain/sync/gate';
import { CentralClient } from '../../sync/centralClient';
import type { GateConfig } from '../../sync/resync';
import { useDesk, useLive } from '../services';
import { useLiveFront } from '../useCases';
import { useClock } from '../shared/useClock';

/**
 * On an administrator's device (which pulls everything): every device with events, when each last
 * finished a verified sync, its chain, and totals per day and department.
 */
export function Overview({ gate }: { gate: GateConfig }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const clock = useClock();
  const devices = useLive((d) => d.devices(), []);
  const totals = useLiveFront((f) => f.dailyTotals(), []);
  const [syncs, setSyncs] = useState<{ allClearAt: string | null; synced: Record<string, string | null> }>({ allClearAt: null, synced: {} });
  const [chains, setChains] = useState<Record<string, ChainReport>>({});

  const codes = (devices ?? []).map((d) => d.code).join(',');
  useEffect(() => {
    if (!codes) return;
    const client = new CentralClient({ dbUrl: gate.url, username: gate.username, password: gate.password });
    void (async () => {
      try {
        const marker = (await client.getDoc(ALL_CLEAR_ID)) as { at?: string } | null;
        const synced: Record<string, string | null> = {};
        for (const code of codes.split(',')) synced[code] = ((await client.getDoc(`device:${code}`)) as { syncedAt?: string } | null)?.syncedAt ?? null;
        setSyncs({ allClearAt: marker?.at ?? null, synced });
      } catch {
        // Offline: the table shows what this device holds, without sync times.
      }
    })();
  }, [codes, gate]);

  async function checkChains() {
    const out: Record<string, ChainReport> = {};
    for (const d of devices ?? []) out[d.code] = await desk.verifyChainOf(d.code);
    setChains(out);
  }

  return (
    <section>
      <h2>{t('sync.overview')}</h2>
      <button type="button" className="secondary" onClick={() => void checkChains()}>{t('sync.checkChains')}</button>
      <table className="list" data-testid="overview">
        <thead><tr><th>{t('sync.device')}</th><th>{t('sync.events')}</th><th>{t('sync.lastEvent')}</th><th>{t('sync.lastSync')}</th><th>{t('sync.chain')}</th></tr></thead>
        <tbody>
          {(devices ?? []).map((d) => {
            const synced = syncs.synced[d.code] ?? null;
            const stale = syncs.allClearAt !== null && (synced === null || synced < syncs.allClearAt);
            const chain = chains[d.code];
            return (
              <tr key={d.code}>
                <td><strong>{d.code}</strong></td><td>{d.eventCount}</td><td>{clock.dateTime(d.lastAt)}</td>
                <td className={stale ? 'warning' : ''}>{synced ? clock.dateTime(synced) : '—'}{stale ? ` (${t('sync.notSynced')})` : ''}</td>
                <td>{chain ? (chain.ok ? t('sync.chainOk') : `${chain.break.kind} @ ${chain.break.seq}`) : ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <h3>{t('sync.totals')}</h3>
      <table className="list">
        <thead><tr><th>{t('sync.day')}</th><th>{t('token.dept')}</th><th>{t('sync.registrations')}</th><th>{t('sync.tokens')}</th></tr></thead>
        <tbody>
          {(totals ?? []).slice(0, 100).map((r) => (
            <tr key={`${r.day}|${r.dept ?? ''}`}><td>{r.day}</td><td>{r.dept ?? '—'}</td><td>{r.registrations || ''}</td><td>{r.tokens || ''}</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
