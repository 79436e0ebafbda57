import { buildEvent, type AnyEvent, type ChainHead } from '../../../src/domain/events/envelope';
import type { EventType } from '../../../src/domain/events/catalog';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { formatSpecimenId } from '../../../src/domain/ids/specimenId';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import { groupSpecimens } from '../../../src/domain/lab/grouping';
import { formatRequestId } from '../../../src/domain/lab/requestId';
import { resolveTests } from '../../../src/domain/lab/requisition';
import { DEFAULT_ANALYTES } from '../../../src/domain/lab/results/defaultAnalytes';
import { formatToken } from '../../../src/domain/tokens/tokenNumber';
import { generatePatients, generateVisits } from './generate';
import { chance, mulberry32, pick, weighted } from './random';

/** Orders a lab sees every day, each a few containers. */
const ORDERS: readonly string[][] = [['CBC'], ['CBC', 'ESR'], ['LFT', 'KFT'], ['RBS'], ['TFT'], ['HB', 'URM'], ['CBC', 'CRP', 'ELEC'], ['HIV', 'HBSAG', 'HCV'], ['UPT']];

export interface SyntheticCounts {
  events: number;
  patients: number;
  corrections: number;
  tokens: number;
  requests: number;
  orderedTests: number;
  specimens: number;
  rejected: number;
  reports: number;
  amended: number;
  observations: number;
}

/**
 * A downtime's central store as events: registration desks (`desks`) register patients and
 * issue, call and close their tokens; a lab tablet (`lab`) orders tests for some of them,
 * collects, receives, rejects a few, enters results that a pathologist verifies, and amends a
 * few. One clock for all devices, always moving on, so every device's events are in time order.
 * Streams: nothing is kept but the counters and the current block of patients.
 */
export function* syntheticEvents(opts: { seed: number; patients: number; desks: string[]; lab: string; start?: Date }): Generator<AnyEvent, SyntheticCounts> {
  const random = mulberry32(opts.seed);
  const heads = new Map<string, ChainHead | null>();
  let clock = (opts.start ?? new Date('2026-11-25T03:30:00Z')).getTime();
  const counts: SyntheticCounts = { events: 0, patients: 0, corrections: 0, tokens: 0, requests: 0, orderedTests: 0, specimens: 0, rejected: 0, reports: 0, amended: 0, observations: 0 };
  const next = <T extends EventType>(device: string, type: T, data: unknown, by: string): AnyEvent => {
    clock += 1000;
    const e = buildEvent({ type, data, device, head: heads.get(device) ?? null, at: new Date(clock).toISOString(), by }) as AnyEvent;
    heads.set(device, { seq: e.seq, hash: e.hash });
    counts.events += 1;
    return e;
  };
  const perDesk = new Map<string, number>();
  const tokenNo = new Map<string, number>();
  let requestNo = 0;
  let specimenNo = 0;
  const BLOCK = 50;
  for (let start = 0; start < opts.patients; start += BLOCK) {
    const size = Math.min(BLOCK, opts.patients - start);
    const people = generatePatients(opts.seed * 7919 + start, size);
    const depts = generateVisits(opts.seed + start, size, ['MED', 'PED', 'SUR', 'ORT', 'ENT']);
    const block: Array<{ id: string; desk: string; token: string; day: string }> = [];
    for (let i = 0; i < size; i += 1) {
      const desk = opts.desks[(start + i) % opts.desks.length]!;
      const n = (perDesk.get(desk) ?? 0) + 1;
      perDesk.set(desk, n);
      const id = formatDowntimeId(desk, n);
      const day = new Date(clock).toISOString().slice(0, 10);
      yield next(desk, 'patient.registered', { patient: id, fields: people[i], day }, 'Clerk Asha');
      counts.patients += 1;
      const dept = depts[i]!;
      const tk = `${day}/${desk}/${dept}`;
      const t = (tokenNo.get(tk) ?? 0) + 1;
      tokenNo.set(tk, t);
      const token = formatToken(dept, desk, t);
      yield next(desk, 'token.issued', { token, patient: id, dept, day, number: t }, 'Clerk Asha');
      counts.tokens += 1;
      block.push({ id, desk, token, day });
    }
    for (const p of block) {
      yield next(p.desk, 'token.called', { token: p.token, day: p.day }, 'Clerk Asha');
      if (chance(random, 0.03)) yield next(p.desk, 'token.cancelled', { token: p.token, day: p.day, reason: 'Left without being seen' }, 'Clerk Asha');
      else yield next(p.desk, 'token.done', { token: p.token, day: p.day }, 'Clerk Asha');
      if (chance(random, 0.02)) {
        yield next(p.desk, 'patient.corrected', { patient: p.id, changes: { mobile: '9810012345' }, reason: 'Wrong number' }, 'Clerk Asha');
        counts.corrections += 1;
      }
    }
    for (const p of block) {
      if (!chance(random, 0.3)) continue;
      const codes = pick(random, ORDERS);
      const resolved = resolveTests(codes, DEFAULT_CATALOGUE);
      if (!resolved.ok) throw new Error(`synthetic order: ${resolved.unknown.join()}`);
      const groups = groupSpecimens(resolved.tests).map((g) => ({ specimen: formatSpecimenId(opts.lab, ++specimenNo), ...g }));
      const request = formatRequestId(opts.lab, ++requestNo);
      const priority = weighted(random, [['routine', 80], ['urgent', 15], ['stat', 5]] as const);
      yield next(opts.lab, 'lab.requested', {
        request, patient: p.id, catalogueVersion: DEFAULT_CATALOGUE.version, tests: codes, priority, dept: 'MED', clinician: 'Dr. Rao', specimens: groups,
      }, 'Tech Imran');
      counts.requests += 1;
      counts.orderedTests += codes.length;
      counts.specimens += groups.length;
      const ids = groups.map((g) => g.specimen);
      yield next(opts.lab, 'specimen.collected', { specimens: ids, collectedAt: new Date(clock).toISOString(), collectedBy: 'Sister Mary' }, 'Tech Imran');
      yield next(opts.lab, 'specimen.received', { specimens: ids }, 'Tech Imran');
      for (const g of groups) {
        if (chance(random, 0.03)) {
          yield next(opts.lab, 'specimen.rejected', { specimen: g.specimen, reason: 'haemolysed' }, 'Tech Imran');
          counts.rejected += 1;
          continue;
        }
        const values = g.tests.flatMap((test) => (DEFAULT_ANALYTES.tests[test] ?? []).filter((a) => !a.optional && !(a.kind === 'number' && a.calc)).map((a) => ({
          test, analyte: a.code, value: a.kind === 'number' ? Number(((a.min + a.max) / 4).toFixed(a.decimals)) : a.kind === 'choice' ? a.answers[0]! : 'Normal study',
        })));
        if (values.length === 0) continue;
        const entered = next(opts.lab, 'result.entered', { specimen: g.specimen, analyteVersion: 'BASE-1', values }, 'Tech Imran');
        yield entered;
        yield next(opts.lab, 'result.verified', { specimen: g.specimen, version: entered._id }, 'Dr. Pathologist Sen');
        counts.reports += 1;
        counts.observations += values.length;
        if (chance(random, 0.02)) {
          const changed = values.map((v, i) => (i === 0 && typeof v.value === 'number' ? { ...v, value: v.value + 1 } : v));
          yield next(opts.lab, 'result.amended', { specimen: g.specimen, analyteVersion: 'BASE-1', values: changed, amends: entered._id, reason: 'Transcription error' }, 'Dr. Pathologist Sen');
          counts.amended += 1;
        }
        yield next(opts.lab, 'specimen.reported', { specimens: [g.specimen] }, 'Tech Imran');
      }
    }
  }
  return counts;
}

/** Drain the generator into an array with its counts (small data sets only). */
export function allSyntheticEvents(opts: Parameters<typeof syntheticEvents>[0]): { events: AnyEvent[]; counts: SyntheticCounts } {
  const gen = syntheticEvents(opts);
  const events: AnyEvent[] = [];
  for (;;) {
    const r = gen.next();
    if (r.done) return { events, counts: r.value };
    events.push(r.value);
  }
}
