/**
 * An export id names what an export covered: the sequence head of every device it read, e.g.
 * `K7-120.L1-4501`. `--since` that id exports only events after those heads. Devices not in the
 * id are new since then: everything of theirs is exported.
 */
export type Heads = Readonly<Record<string, number>>;

const PART = /^([A-Z0-9]{2,3})-(\d{1,10})$/;

export function formatExportId(heads: Heads): string {
  const devices = Object.keys(heads).sort();
  return devices.length === 0 ? 'empty' : devices.map((d) => `${d}-${heads[d]}`).join('.');
}

export function parseExportId(id: string): Heads {
  if (id === 'empty') return {};
  const heads: Record<string, number> = {};
  for (const part of id.split('.')) {
    const m = PART.exec(part);
    if (!m) throw new Error(`"${id}" is not an export id (expected e.g. K7-120.L1-4501, as printed by an earlier export)`);
    if (m[1]! in heads) throw new Error(`export id "${id}" names device ${m[1]} twice`);
    heads[m[1]!] = Number(m[2]);
  }
  return heads;
}

/** Whether an event lies after an earlier export's heads (and so belongs in this one). */
export const isAfter = (since: Heads | null, device: string, seq: number) => since === null || seq > (since[device] ?? 0);
