import { RuleError, ValidationError } from '../domain/errors';
import { parseEvent, type AnyEvent } from '../domain/events/envelope';
import { loadEveryEventFamily } from '../domain/events/families';
import { Batch, transactionBundle } from '../domain/export/bundle';
import { formatExportId, type Heads } from '../domain/export/exportId';
import { ExportMapper, type ExportProblem } from '../domain/export/mapper';
import { DEFAULT_SYSTEMS } from '../domain/export/systems';
import type { Desk, SessionUser } from './desk';

/** Events per transaction bundle, as the CLI's export. */
const BATCH_EVENTS = 2000;

export interface DeviceExport {
  /** One FHIR transaction Bundle per line (NDJSON), ready for the HIS's loader. */
  ndjson: string;
  bundles: number;
  resources: number;
  problems: ExportProblem[];
  /** What this export covered (each device's newest sequence read), for a later one's `since`. */
  exportId: string;
}

/**
 * The administrator's export from this device's log (the events it made and those it pulled),
 * through the same pure mapping as the CLI's export of the central store. The log of one tablet
 * fits in memory; the whole hospital's store is exported with `npm run central -- export`.
 * With `since` (an earlier export's heads), as the CLI's `--since`: every event is still mapped
 * (to know the records an update refers to), only those after the heads are written, so a link
 * made after that export goes as an update the HIS applies, not as a create it skips.
 */
export async function exportFromDevice(desk: Desk, actor: SessionUser, stamp: string, since: Heads | null = null): Promise<DeviceExport> {
  if (actor.role !== 'admin') throw new RuleError('adminOnly');
  const { log } = await desk.context();
  await loadEveryEventFamily();
  const devices = (await desk.db.devices.toCollection().primaryKeys()).map(String);
  const events: AnyEvent[] = [];
  const heads: Record<string, number> = {};
  const mapper = new ExportMapper(DEFAULT_SYSTEMS, since);
  for (const device of devices.sort()) {
    for await (const page of log.readChain(device)) {
      for (const doc of page) {
        const seq = (doc as { seq?: unknown }).seq;
        if (typeof seq === 'number' && seq > (heads[device] ?? 0)) heads[device] = seq;
        try {
          events.push(parseEvent(doc));
        } catch (err) {
          if (!(err instanceof ValidationError)) throw err;
          mapper.problems.push({ event: String((doc as { _id?: unknown })._id), type: String((doc as { type?: unknown }).type), reason: 'not a valid event' });
        }
      }
    }
  }
  // By the time they happened (then device and sequence), as the CLI merges devices.
  events.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.device < b.device ? -1 : a.device > b.device ? 1 : a.seq - b.seq));
  const lines: string[] = [];
  let resources = 0;
  const batch = new Batch();
  const flush = () => {
    const changes = batch.drain();
    if (changes.length === 0) return;
    resources += changes.length;
    lines.push(JSON.stringify(transactionBundle(changes, `downtime-device-export-${lines.length + 1}`, stamp)));
  };
  events.forEach((e, i) => {
    batch.add(mapper.take(e));
    if ((i + 1) % BATCH_EVENTS === 0) flush();
  });
  batch.add(mapper.finish());
  flush();
  return { ndjson: lines.length ? `${lines.join('\n')}\n` : '', bundles: lines.length, resources, problems: mapper.problems, exportId: formatExportId(heads) };
}
