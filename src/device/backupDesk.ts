import { openBundle, sealBundle } from '../crypto/bundleSeal';
import { parseBackupKeyFile } from '../domain/backup/keyFile';
import { judgeNovelty, requireHospital } from '../domain/backup/held';
import { BundleRefusal } from '../domain/backup/refusal';
import { SameRead } from '../domain/backup/sameRead';
import type { BundledEvent } from '../domain/backup/chainCheck';
import { bundleFileName, EVENTS_PER_FRAME, type BackupPublicKey, type BundleHeader } from '../domain/backup/header';
import { backupKeyDoc, keyIdOf, parseBackupKeyText } from '../domain/backup/publicKeyText';
import { RuleError, ValidationError } from '../domain/errors';
import { reminderSettings, type Reminder, type ReminderSettings } from '../domain/backup/reminder';
import { toIssues } from '../domain/validation';
import { GENESIS_PREV } from '../domain/hash';
import { checkPush, type StoredEvent } from '../domain/sync/pushCheck';
import { eventId } from '../domain/events/envelope';
import type { SessionUser } from './accounts';
import type { Desk } from './desk';
import type { EventLog } from './eventLog';
import { DeviceKey } from './deviceKey';
import { LAST_BUNDLE, lastBundleOf, notInBundle, REMINDER, reminderOf, reminderSettingsOf, type LastBundle } from './bundleReminder';
import { importSigningKey, signReplacement } from '../crypto/replacementSignature';
import type { ReplacementStatement } from '../domain/backup/replacement';
import type { PublicKeyJwk } from '../domain/sync/signedHead';

const BACKUP_KEY = 'backupKey';
const RESTORED = 'restoredFromBundle';
/** Sealed at rest (SEALED_SETTINGS): the signed statement the gate presents when it registers the key. */
export const REPLACEMENT = 'replacementStatement';

export interface Restored {
  events: number;
  lastAt: string;
  authorised: boolean;
}

export type { LastBundle } from './bundleReminder';

export interface BackupStatus {
  /** The hospital's backup key this device seals to (its id), null until one is set. */
  keyId: string | null;
  last: LastBundle | null;
  /** This device's events in no bundle yet. */
  notInBundle: number;
  /** This device's signing key, as the central import's --trust-key asks for it. */
  fingerprint: string;
  /**
   * A replacement tablet: how many of the lost one's events came back, the last one's time, and
   * whether the key file could sign its replacement statement (older key files cannot).
   */
  restored: Restored | null;
}

/** Where a bundle's bytes go: a file the user picked (File System Access API) or a download. */
export interface BundleSink {
  write(chunk: Uint8Array): Promise<void>;
  close(): Promise<void>;
  abort(): Promise<void>;
}

/**
 * Backup bundles of this device's own log (issue 16): sealed to the hospital's backup key (which
 * only the hospital's administrators can open) and signed by the device's key. Any logged-in user
 * may make one: during a long outage it is the clerk at the desk who has the tablet in hand.
 */
export class BackupDesk {
  private readonly key: DeviceKey;

  constructor(private readonly desk: Desk) {
    this.key = new DeviceKey(desk.db);
  }

  async backupKey(): Promise<BackupPublicKey | null> {
    return ((await this.desk.db.settings.get(BACKUP_KEY))?.value as { publicKey: BackupPublicKey } | undefined)?.publicKey ?? null;
  }

  /** The administrator enters (or scans) the line `npm run central -- backup-key` printed. */
  async setBackupKey(actor: SessionUser, text: string): Promise<string> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const publicKey = parseBackupKeyText(text);
    if (!publicKey) throw new ValidationError([{ path: 'backupKey', code: 'backupKeyText' }], text, 'backup key');
    await this.desk.db.settings.put({ key: BACKUP_KEY, value: { publicKey, setAt: this.desk.now().toISOString(), by: actor.name } });
    return keyIdOf(publicKey);
  }

  /**
   * The key the central store holds (read when the gate opens), taken when none was entered yet
   * and it names this device's hospital. One already entered is kept: the administrator chose it.
   */
  async adoptCentralKey(doc: unknown, hospital: string): Promise<boolean> {
    const parsed = backupKeyDoc.safeParse(doc);
    if (!parsed.success || parsed.data.hospital !== hospital || (await this.backupKey())) return false;
    await this.desk.db.settings.put({ key: BACKUP_KEY, value: { publicKey: parsed.data.publicKey, setAt: this.desk.now().toISOString(), by: 'central store' } });
    return true;
  }

  reminderSettings(): Promise<ReminderSettings> {
    return reminderSettingsOf(this.desk.db);
  }

  async setReminderSettings(actor: SessionUser, input: unknown): Promise<ReminderSettings> {
    if (actor.role !== 'admin') throw new RuleError('adminOnly');
    const parsed = reminderSettings.safeParse(input);
    if (!parsed.success) throw new ValidationError(toIssues(parsed.error), input, 'reminder');
    await this.desk.db.settings.put({ key: REMINDER, value: parsed.data });
    return parsed.data;
  }

  /** What a login shows: a reminder when the device's events have gone too long outside any bundle. */
  reminder(): Promise<Reminder | null> {
    return reminderOf(this.desk);
  }

  lastBundle(): Promise<LastBundle | null> {
    return lastBundleOf(this.desk.db);
  }

  /**
   * Written once, after a replacement's enrollment restored the lost tablet's bundle: what came
   * back, and the statement authorising this tablet's key in place of the lost one's, signed with
   * the key file the restore read (none when that file is older than replacement signing keys).
   */
  async recordRestore(plan: Pick<RestorePlan, 'events' | 'lastAt' | 'authorise'>): Promise<void> {
    const statement = await plan.authorise(await this.key.publicKey(), this.desk.now().toISOString());
    if (statement) await this.desk.db.settings.put({ key: REPLACEMENT, value: statement });
    const restored: Restored = { events: plan.events, lastAt: plan.lastAt, authorised: statement !== null };
    await this.desk.db.settings.put({ key: RESTORED, value: restored });
  }

  /** The replacement statement the gate presents when it registers this tablet's key, if any. */
  async replacementStatement(): Promise<ReplacementStatement | null> {
    return ((await this.desk.db.settings.get(REPLACEMENT))?.value as ReplacementStatement | undefined) ?? null;
  }

  async status(): Promise<BackupStatus> {
    const { log } = await this.desk.context();
    const [key, last, head, signer, restored] = await Promise.all([this.backupKey(), this.lastBundle(), log.head(), this.key.publicKey(),
      this.desk.db.settings.get(RESTORED)]);
    return {
      restored: (restored?.value as BackupStatus['restored'] | undefined) ?? null,
      keyId: key ? keyIdOf(key) : null, last, notInBundle: notInBundle(head?.seq, last),
      fingerprint: keyIdOf(signer),
    };
  }

  /**
   * Writes a bundle of the device's events from sequence 1 up to its head now, page by page: one
   * frame in memory at a time. Always the whole chain: a replacement tablet can only be restored
   * from event 1, and one file is all a clerk has to keep. The last bundle is recorded only once
   * the sink has taken every byte and closed.
   */
  async make(options: { open: (fileName: string) => Promise<BundleSink>; onProgress?: (done: number, total: number) => void }): Promise<LastBundle> {
    const { identity, log } = await this.desk.context();
    const recipient = await this.backupKey();
    if (!recipient) throw new RuleError('noBackupKey');
    const head = await log.head();
    const from = 1;
    if (!head) throw new RuleError('nothingToBundle');
    const prevHash = GENESIS_PREV;
    const createdAt = this.desk.now().toISOString();
    const fileName = bundleFileName({ hospital: identity.hospital, device: identity.code, from, to: head.seq, createdAt });
    const total = head.seq - from + 1;
    const key = this.key;
    async function* pages(): AsyncGenerator<BundledEvent[]> {
      for (let next = from; next <= head!.seq;) {
        const page = (await log.readRange(log.device, next, EVENTS_PER_FRAME)).filter((e) => e.seq <= head!.seq) as BundledEvent[];
        if (page.length === 0) return;
        yield page;
        next = page[page.length - 1]!.seq + 1;
        options.onProgress?.(next - from, total);
      }
    }
    const sink = await options.open(fileName);
    try {
      const signer = {
        publicKey: await key.publicKey(), signText: (text: string) => key.signText(text),
        signHead: (seq: number, hash: string) => key.sign(identity.code, seq, hash),
      };
      for await (const piece of sealBundle({
        hospital: identity.hospital, device: identity.code, from, to: head.seq, prevHash, headHash: head.hash, createdAt, recipient, signer, pages: pages(),
      })) await sink.write(piece);
      await sink.close();
    } catch (err) {
      await sink.abort().catch(() => undefined);
      throw err;
    }
    const made: LastBundle = { from, to: head.seq, at: createdAt, fileName };
    await this.desk.db.settings.put({ key: LAST_BUNDLE, value: made });
    return made;
  }
}

/**
 * How far a bundle being brought in is, frame by frame: read twice, so `checking` runs to the
 * total first, then `storing` (a replacement's restore stores during its enrollment).
 */
export interface BundleProgress {
  phase: 'checking' | 'storing';
  /** Events of the bundle done in this phase, of `total`. */
  done: number;
  total: number;
}

type OnProgress = ((progress: BundleProgress) => void) | undefined;

/** Counts a phase's events as its frames go by. */
function progressOf(onProgress: OnProgress, phase: BundleProgress['phase'], header: BundleHeader) {
  const total = header.to - header.from + 1;
  let done = 0;
  onProgress?.({ phase, done, total });
  return (events: number) => {
    done += events;
    onProgress?.({ phase, done: Math.min(done, total), total });
  };
}

/** The bundle's second read, held to the first part by part (SameRead): its events into the log, counted. */
async function storeSecondRead(log: EventLog, parts: ReturnType<typeof openBundle>, firstRead: SameRead, stored: (events: number) => void) {
  for await (const part of parts) {
    firstRead.require(part);
    if (part.kind !== 'events') continue;
    await log.importDocs(part.events);
    stored(part.events.length);
  }
}

export interface ReadOnlyImport {
  device: string;
  from: number;
  to: number;
  /** Events this tablet did not hold before. */
  added: number;
}

/**
 * Another tablet's bundle brought into this one read-only (issue 16, point 4): its events are
 * stored as pulled events are (their own device's ids and revisions, never this device's chain),
 * so search, queues and worklists show them. Opening a bundle takes the hospital's private backup
 * key, picked as its file for this import only and never stored. The bundle is read twice: checked
 * whole first, then stored, so a refused one leaves nothing behind.
 */
export async function importReadOnly(desk: Desk, args: { keyFileText: string; bundle: () => AsyncIterable<Uint8Array>; onProgress?: (progress: BundleProgress) => void }): Promise<ReadOnlyImport> {
  const { identity, log, projector } = await desk.context();
  const key = privateKeyOf(args.keyFileText);
  let header: BundleHeader | null = null;
  let done = false;
  let before: { id: string; stored: StoredEvent } | null = null;
  let checked = (_events: number) => {};
  const firstRead = new SameRead();
  for await (const part of openBundle(args.bundle(), key)) {
    firstRead.saw(part);
    if (part.kind === 'header') {
      header = part.header;
      requireHospital(header, identity.hospital, keyIdOf(key));
      if (header.device === identity.code) throw new BundleRefusal('ownDevice', `a bundle of this device's own code ${header.device}: that is a restore, not a read-only import`);
      const [atTo] = await log.readRange(header.device, header.to, 1);
      const [beyond] = await log.readRange(header.device, header.to + 1, 1);
      const heldAtTo = atTo?.seq === header.to ? atTo.hash : null;
      const heldSeq = beyond?.device === header.device ? beyond.seq : heldAtTo ? header.to : 0;
      if (judgeNovelty(header, { seq: heldSeq, hashAtTo: heldAtTo }).kind === 'alreadyHeld') {
        return { device: header.device, from: header.from, to: header.to, added: 0 };
      }
      checked = progressOf(args.onProgress, 'checking', header);
    } else if (part.kind === 'events') {
      before = await requirePushRules(log, header!, part.events, before, desk.now());
      checked(part.events.length);
    } else if (part.kind === 'end') done = true;
  }
  if (!header || !done) throw new BundleRefusal('truncated', 'the bundle ended before its signature');
  const count = await log.count();
  await storeSecondRead(log, openBundle(args.bundle(), key), firstRead, progressOf(args.onProgress, 'storing', header));
  await projector.catchUp();
  return { device: header.device, from: header.from, to: header.to, added: (await log.count()) - count };
}

/**
 * Events a pull brings have passed the gateway's push check; a bundle's have not, and a forged
 * one (sealed with the hospital's public key, signed by any key) could carry what the store takes
 * from no tablet, reconciliation decisions above all. So each page meets the same per-event rules
 * (src/domain/sync/pushCheck.ts), against what this tablet holds. A tablet cannot tell which code
 * is the administrator's device (a reader account: only the store knows), so a bundle carrying
 * reconciliation decisions is refused here; those come through the central import and the pull.
 * One refused event refuses the whole bundle, as at the central import.
 */
async function requirePushRules(log: EventLog, header: BundleHeader, events: BundledEvent[], before: { id: string; stored: StoredEvent } | null, now: Date) {
  const first = events[0]!.seq;
  const held = await log.readRange(header.device, Math.max(1, first - 1), events.length + 1);
  const stored = new Map<string, StoredEvent>(held.filter((e) => e.device === header.device).map((e) => [e._id, { rev: e._rev, hash: e.hash }]));
  // The event before the bundle: vouched for by the bundle's own chain check from its header.
  const prevId = eventId(header.device, first - 1);
  if (first > 1 && !stored.has(prevId)) {
    if (before) stored.set(before.id, before.stored);
    else stored.set(prevId, { rev: '', hash: header.prevHash });
  }
  const refused = checkPush(events, { device: header.device, reader: false, stored, now }).find((v) => v.action === 'refuse');
  if (refused && refused.action === 'refuse') throw new BundleRefusal('refusedByPushCheck', `${refused.id}: ${refused.reason}`);
  const last = events[events.length - 1]!;
  return { id: last._id, stored: { rev: last._rev, hash: last.hash } };
}

export interface RestorePlan {
  device: string;
  /** How many events the bundle restores, and the time of the last: what follows may be lost. */
  events: number;
  lastAt: string;
  /** Writes the checked events into the new tablet's log (during enrollment, before its own). */
  into: (log: EventLog) => Promise<void>;
  /**
   * Signs the statement that the tablet with `newKey` replaces the lost one (the bundle's signer),
   * with the key file's replacement signing key; null when the file has none (made before it).
   */
  authorise: (newKey: PublicKeyJwk, at: string) => Promise<ReplacementStatement | null>;
}

/**
 * A replacement tablet (issue 16, point 3): the lost tablet's bundle, checked whole with the
 * hospital's private key file before anything is enrolled, then written into the new log with its
 * revisions as the first thing enrollment does, so the new tablet's events continue the same
 * code's sequence and no number is handed out twice. The bundle must be the whole chain (from
 * event 1) of the code being enrolled, for this hospital.
 */
export async function planRestore(args: { keyFileText: string; bundle: () => AsyncIterable<Uint8Array>; hospital: string; code: string; onProgress?: (progress: BundleProgress) => void }): Promise<RestorePlan> {
  const key = privateKeyOf(args.keyFileText);
  // Kept in this closure until the new tablet's key exists (after enrollment), never stored.
  const signingKey = await signerOf(args.keyFileText);
  let header: BundleHeader | null = null;
  let lastAt = '';
  let done = false;
  let countChecked = (_events: number) => {};
  const firstRead = new SameRead();
  for await (const part of openBundle(args.bundle(), key)) {
    firstRead.saw(part);
    if (part.kind === 'header') {
      header = part.header;
      requireHospital(header, args.hospital, keyIdOf(key));
      if (header.device !== args.code) throw new BundleRefusal('chainBroken', `a bundle of device ${header.device}, not of ${args.code} being enrolled`);
      if (header.from !== 1) throw new BundleRefusal('truncated', `the bundle starts at event ${header.from}: a replacement needs the whole chain from event 1`);
      countChecked = progressOf(args.onProgress, 'checking', header);
    } else if (part.kind === 'events') {
      lastAt = part.events[part.events.length - 1]!.at;
      countChecked(part.events.length);
    } else done = true;
  }
  if (!header || !done) throw new BundleRefusal('truncated', 'the bundle ended before its signature');
  const checked = header;
  return {
    device: checked.device, events: checked.to, lastAt,
    into: async (log) => {
      await storeSecondRead(log, openBundle(args.bundle(), key), firstRead, progressOf(args.onProgress, 'storing', checked));
      const head = await log.head();
      if (head?.seq !== checked.to || head.hash !== checked.headHash) throw new BundleRefusal('chainBroken', 'the restored chain does not end at the bundle\'s head');
    },
    authorise: async (newKey, at) => (signingKey ? signReplacement(signingKey, {
      type: 'device-replacement', version: 1, hospital: checked.hospital, device: checked.device,
      newKey, oldKey: checked.signer, seq: checked.to, hash: checked.headHash, at,
    }) : null),
  };
}

/** The key file's replacement signing key, null for a file made before them; a damaged one is refused. */
async function signerOf(keyFileText: string) {
  const jwk = parseBackupKeyFile(keyFileText)?.signingKey;
  if (!jwk) return null;
  try {
    return await importSigningKey(jwk);
  } catch {
    throw new BundleRefusal('notAKeyFile', 'the backup key file\'s replacement signing key is damaged');
  }
}

/** The hospital's private backup key from its file's text, picked for one import and never stored. */
function privateKeyOf(keyFileText: string) {
  const file = parseBackupKeyFile(keyFileText);
  if (!file) throw new BundleRefusal('notAKeyFile', 'not a backup key file');
  return file.privateKey;
}
