import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateBackupKey, openBundle } from '../../../src/crypto/bundleSeal';
import { backupKeyText } from '../../../src/domain/backup/publicKeyText';
import { BackupDesk } from '../../../src/device/backupDesk';
import { BackupPanel } from '../../../src/ui/backup/BackupPanel';
import { ReminderWhenDue } from '../../../src/ui/backup/ReminderWhenDue';
import { MakeBundle } from '../../../src/ui/backup/MakeBundle';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider, useLive } from '../../../src/ui/services';
import { reminderOf } from '../../../src/device/bundleReminder';
import { useSession } from '../../../src/ui/session';
import { tablet } from '../../helpers/centralHarness';
import { makeDesk } from '../../helpers/deviceHarness';
import { EnrollScreen } from '../../../src/ui/enroll/EnrollScreen';
import { streamOf } from '../../helpers/bundleFixtures';

// The tablet's own clock is in New York; the hospital's times are India's.
process.env.TZ = 'America/New_York';

/** The File System Access API is not in jsdom: a picker that hands over an in-memory file. */
function fakePicker() {
  const files: Array<{ name: string; bytes: Uint8Array[]; closed: boolean }> = [];
  (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async ({ suggestedName }: { suggestedName: string }) => {
    const file = { name: suggestedName, bytes: [] as Uint8Array[], closed: false };
    files.push(file);
    return { createWritable: async () => ({ write: async (c: Uint8Array) => { file.bytes.push(c); }, close: async () => { file.closed = true; }, abort: async () => {} }) };
  };
  return files;
}

const join = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
};

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});
afterEach(() => {
  delete (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  useSession.getState().logout();
});

describe('backup bundles on "This device"', () => {
  it('needs the hospital backup key, refuses a mistyped one, then writes a bundle only the hospital opens and counts it', async () => {
    const user = userEvent.setup();
    const files = fakePicker();
    const t = await tablet('K7', 3);
    const events = await t.desk.eventCount();
    const backup = await generateBackupKey();
    useSession.getState().login(t.admin);
    render(<DeskProvider desk={t.desk}><BackupPanel actor={t.admin} /></DeskProvider>);

    expect(await screen.findByTestId('backup-key')).toHaveTextContent('Not set');
    await waitFor(() => expect(screen.getByTestId('not-in-bundle')).toHaveTextContent(String(events)));
    expect(screen.getByTestId('last-bundle')).toHaveTextContent('None yet');
    await user.click(screen.getByRole('button', { name: 'Make a backup bundle' }));
    expect(await screen.findByText(/no hospital backup key yet/)).toBeInTheDocument();
    expect(files).toHaveLength(0);

    const text = backupKeyText(backup.publicKey);
    await user.type(screen.getByLabelText(/^Backup key/), `${text.slice(0, 20)}X${text.slice(21)}`);
    await user.click(screen.getByRole('button', { name: 'Save backup key' }));
    expect(await screen.findByText(/not a backup key line/)).toBeInTheDocument();
    await user.clear(screen.getByLabelText(/^Backup key/));
    await user.click(screen.getByLabelText(/^Backup key/));
    await user.paste(text);
    await user.click(screen.getByRole('button', { name: 'Save backup key' }));
    expect(await screen.findByText(/^Backup key [0-9a-f]{16} saved\.$/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Make a backup bundle' }));
    expect(await screen.findByText(new RegExp(`^AIIMS-New-Delhi_K7_1-${events}_.*\\.ddbundle written \\(${events} events\\)\\.$`))).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('not-in-bundle')).toHaveTextContent('0'));
    expect(screen.getByTestId('last-bundle')).toHaveTextContent(new RegExp(`^2026-11-26 \\d\\d:\\d\\d IST \\(events 1–${events}\\)$`));
    expect(files).toHaveLength(1);
    expect(files[0]!.closed).toBe(true);

    let opened = 0;
    for await (const part of openBundle(streamOf(join(files[0]!.bytes)), backup.privateKey)) if (part.kind === 'events') opened += part.events.length;
    expect(opened).toBe(events);
  });

  /** Marks when a reminder, once due, is no longer: as the shell's ReminderWhenDue reads it. */
  function ReminderSeen() {
    const reminder = useLive((d) => reminderOf(d), []);
    const [seen, setSeen] = useState(false);
    if (reminder && !seen) setSeen(true);
    return seen && reminder === null ? <p data-testid="reminder-over" /> : null;
  }

  it('reminds a clerk at login once enough events are in no bundle, and the clerk can make the bundle there', async () => {
    const user = userEvent.setup();
    fakePicker();
    const t = await tablet('K8', 2);
    const backups = new BackupDesk(t.desk);
    const backup = await generateBackupKey();
    await backups.setBackupKey(t.admin, backupKeyText(backup.publicKey));
    await backups.setReminderSettings(t.admin, { hours: 300, events: 100 });
    const clerk = await t.desk.addUser(t.admin, { name: 'Ravi Clerk', role: 'clerk', pin: '739164', pinAgain: '739164' });
    useSession.getState().login(clerk);
    const view = render(<DeskProvider desk={t.desk}><ReminderWhenDue /><ReminderSeen /></DeskProvider>);
    // Fewer events than the setting and little time since enrollment: no reminder.
    await waitFor(async () => expect(await backups.status()).toMatchObject({ notInBundle: await t.desk.eventCount() }));
    // The screen renders nothing both before and after reading: what it reads is asked too.
    expect(await backups.reminder()).toBeNull();
    expect(screen.queryByTestId('bundle-reminder')).toBeNull();

    await backups.setReminderSettings(t.admin, { hours: 300, events: 2 });
    const reminder = await screen.findByTestId('bundle-reminder');
    expect(reminder).toHaveTextContent(/No backup bundle has been made on this tablet: its \d+ events exist nowhere else\./);
    await user.click(screen.getByRole('button', { name: 'Make a backup bundle' }));
    // The reminder is over, but which file was written stays until the clerk presses OK.
    const made = await screen.findByTestId('bundle-made');
    // The shell's reading of the reminder has seen it end too (ReminderSeen reads it the same way)...
    await screen.findByTestId('reminder-over');
    // ...and the file written still shows.
    expect(made).toHaveTextContent(/^AIIMS-New-Delhi_K8_1-\d+_.*\.ddbundle written \(\d+ events\)\.OK$/);
    expect(screen.queryByTestId('bundle-reminder')).toBeNull();
    expect((await backups.lastBundle())?.to).toBe(await t.desk.eventCount());
    expect(await backups.reminder()).toBeNull();
    await user.click(screen.getByRole('button', { name: 'OK' }));
    expect(screen.queryByTestId('bundle-made')).toBeNull();
    view.unmount();
  });

  it('refuses reminder settings out of range and keeps the old ones', async () => {
    const t = await tablet('K9', 1);
    const backups = new BackupDesk(t.desk);
    await expect(backups.setReminderSettings(t.admin, { hours: 0, events: 10 })).rejects.toThrow(/reminderHours/);
    await expect(backups.setReminderSettings(t.admin, { hours: 5, events: 'many' })).rejects.toThrow();
    const clerk = await t.desk.addUser(t.admin, { name: 'Ravi Clerk', role: 'clerk', pin: '739164', pinAgain: '739164' });
    await expect(backups.setReminderSettings(clerk, { hours: 5, events: 10 })).rejects.toThrow(/adminOnly/);
    expect(await backups.reminderSettings()).toEqual({ hours: 12, events: 500 });
  });
});

describe('a bundle the browser cannot write', () => {
  /** A picker whose file fails as a full, removed or forbidden stick does; or that the user closes. */
  function failingPicker(name: string, at: 'picker' | 'write') {
    (window as unknown as { showSaveFilePicker: unknown }).showSaveFilePicker = async () => {
      if (at === 'picker') throw new DOMException('The user aborted a request.', name);
      return { createWritable: async () => ({ write: async () => { throw new DOMException('The operation failed because the disk is full, or the device was removed.', name); }, close: async () => {}, abort: async () => {} }) };
    };
  }

  it('says why in the screen\'s language, without the browser\'s English, records no bundle, and says nothing when the user cancels', async () => {
    const user = userEvent.setup();
    const t = await tablet('K6', 2);
    const backups = new BackupDesk(t.desk);
    await backups.setBackupKey(t.admin, backupKeyText((await generateBackupKey()).publicKey));
    useSession.getState().login(t.admin);
    render(<DeskProvider desk={t.desk}><MakeBundle backups={backups} /></DeskProvider>);
    const cases: Array<[string, string]> = [
      ['QuotaExceededError', 'the USB stick or card is full'],
      ['NotFoundError', 'the USB stick or card was taken out, or the file is gone'],
      ['NotAllowedError', 'the browser may not write there'],
      ['InvalidStateError', 'The bundle could not be written. Nothing was recorded as backed up'],
    ];
    for (const [name, text] of cases) {
      failingPicker(name, 'write');
      await user.click(screen.getByRole('button', { name: 'Make a backup bundle' }));
      expect(await screen.findByRole('alert')).toHaveTextContent(text);
      expect(screen.getByRole('alert')).not.toHaveTextContent(/disk is full|operation failed/);
    }

    act(() => { setLanguage('hi'); });
    failingPicker('QuotaExceededError', 'write');
    await user.click(await screen.findByRole('button', { name: 'बैकअप बंडल बनाएँ' }));
    await waitFor(() => expect(screen.getByRole('alert')).toHaveTextContent(/^बंडल नहीं लिखा जा सका: USB स्टिक या कार्ड भरा हुआ है।/));
    expect(screen.getByRole('alert')).not.toHaveTextContent(/disk is full|operation failed|could not/);
    expect(await backups.lastBundle()).toBeNull();

    // Closing the save dialog is no failure: the error goes and nothing takes its place.
    failingPicker('AbortError', 'picker');
    await user.click(screen.getByRole('button', { name: 'बैकअप बंडल बनाएँ' }));
    await waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(screen.getByRole('button', { name: 'बैकअप बंडल बनाएँ' })).toBeEnabled();
    expect(await backups.lastBundle()).toBeNull();
  });
});

/**
 * A bundle file whose second read (the storing pass, after the whole file was checked) waits
 * for `release`: the screen can be seen in between, whatever the machine's speed.
 */
function heldAtSecondRead(bytes: Uint8Array, name: string) {
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let reads = 0;
  class HeldFile extends File {
    override slice(start?: number, end?: number): Blob {
      const part = super.slice(start, end);
      if (start === 0) reads += 1;
      return reads >= 2 ? ({ arrayBuffer: async () => { await gate; return part.arrayBuffer(); } } as Blob) : part;
    }
  }
  return { file: new HeldFile([bytes as Uint8Array<ArrayBuffer>], name), release };
}

describe('read-only import on "This device"', () => {
  it('brings in another tablet\'s bundle with the hospital key file and says how many events came', async () => {
    const user = userEvent.setup();
    const backup = await generateBackupKey();
    const lost = await tablet('L7', 2);
    const lostBackups = new BackupDesk(lost.desk);
    await lostBackups.setBackupKey(lost.admin, backupKeyText(backup.publicKey));
    const pieces: Uint8Array[] = [];
    await lostBackups.make({ open: async () => ({ write: async (c) => { pieces.push(c); }, close: async () => {}, abort: async () => {} }) });
    const keyFile = JSON.stringify({ type: 'downtime-desk-backup-key', hospital: 'AIIMS New Delhi', keyId: 'x', createdAt: '2026-12-01T00:00:00.000Z', privateKey: backup.privateKey });

    const t = await tablet('AD', 1);
    useSession.getState().login(t.admin);
    render(<DeskProvider desk={t.desk}><BackupPanel actor={t.admin} /></DeskProvider>);
    await user.upload(await screen.findByLabelText('Bundle file (.ddbundle)'), new File([join(pieces) as Uint8Array<ArrayBuffer>], 'L7.ddbundle'));
    await user.upload(screen.getByLabelText('Private backup key file (.json)'), new File(['{"type":"other"}'], 'key.json'));
    await user.click(screen.getByRole('button', { name: 'Import read-only' }));
    expect(await screen.findByText(/^Refused, nothing was stored: that is not a backup key file \(not a backup key file\)\.$/)).toBeInTheDocument();
    await user.upload(screen.getByLabelText('Private backup key file (.json)'), new File([keyFile], 'key.json'));
    const held = heldAtSecondRead(join(pieces), 'L7.ddbundle');
    await user.upload(screen.getByLabelText('Bundle file (.ddbundle)'), held.file);
    await user.click(screen.getByRole('button', { name: 'Import read-only' }));
    const count = await lost.desk.eventCount();
    // Checked whole, now storing: one bar over both reads.
    const bar = await screen.findByRole('progressbar', { name: `Storing: 0 of ${count} events` });
    expect(bar).toHaveAttribute('value', String(count));
    expect(bar).toHaveAttribute('max', String(2 * count));
    expect(screen.getByText(`Storing: 0 of ${count} events`)).toBeInTheDocument();
    held.release();
    expect(await screen.findByText(`Device L7, events 1–${count}: ${count} new events added.`)).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });
});

describe('enrolling a replacement for a lost tablet', () => {
  it('refuses a bundle of another code and enrolls nothing; with the right code it restores the events and says what may be missing', async () => {
    const user = userEvent.setup();
    const backup = await generateBackupKey();
    const lost = await tablet('M7', 2);
    const lostBackups = new BackupDesk(lost.desk);
    await lostBackups.setBackupKey(lost.admin, backupKeyText(backup.publicKey));
    const pieces: Uint8Array[] = [];
    await lostBackups.make({ open: async () => ({ write: async (c) => { pieces.push(c); }, close: async () => {}, abort: async () => {} }) });
    const lostEvents = await lost.desk.eventCount();
    const keyFile = JSON.stringify({ type: 'downtime-desk-backup-key', hospital: 'AIIMS New Delhi', keyId: 'x', createdAt: '2026-12-01T00:00:00.000Z', privateKey: backup.privateKey });

    const h = makeDesk();
    let enrolled: unknown = null;
    render(<DeskProvider desk={h.desk}><EnrollScreen onEnrolled={(a) => { enrolled = a; }} /></DeskProvider>);
    await user.type(await screen.findByLabelText('Hospital name'), 'AIIMS New Delhi');
    await user.type(screen.getByLabelText('Device code'), 'M8');
    await user.type(screen.getByLabelText('Name'), 'Asha Verma');
    await user.type(screen.getByLabelText('PIN (6–12 digits)'), '482913');
    await user.type(screen.getByLabelText('PIN again'), '482913');
    await user.upload(screen.getByLabelText('Bundle file (.ddbundle)'), new File([join(pieces) as Uint8Array<ArrayBuffer>], 'M7.ddbundle'));
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    // The bundle without the key file: a blank tablet under the lost code would repeat its numbers.
    expect(await screen.findByText(/^To replace a lost tablet pick both its backup bundle and the hospital's private backup key file.*Nothing was enrolled\.$/)).toBeInTheDocument();
    expect(await h.desk.identity()).toBeNull();
    expect(enrolled).toBeNull();
    await user.upload(screen.getByLabelText('Private backup key file (.json)'), new File([keyFile], 'key.json'));
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    expect(await screen.findByText(/^Refused, nothing was stored: its events do not form an unbroken chain \(a bundle of device M7, not of M8/)).toBeInTheDocument();
    expect(await h.desk.identity()).toBeNull();

    await user.clear(screen.getByLabelText('Device code'));
    await user.type(screen.getByLabelText('Device code'), 'M7');
    const held = heldAtSecondRead(join(pieces), 'M7.ddbundle');
    await user.upload(screen.getByLabelText('Bundle file (.ddbundle)'), held.file);
    await user.click(screen.getByRole('button', { name: 'Enroll device' }));
    // Checked whole; its events now go into the new tablet's log.
    const bar = await screen.findByRole('progressbar', { name: `Storing: 0 of ${lostEvents} events` });
    expect(bar).toHaveAttribute('value', String(lostEvents));
    expect(enrolled).toBeNull();
    held.release();
    await waitFor(() => expect(enrolled).not.toBeNull());
    expect(await h.desk.verifyOwnChain()).toMatchObject({ ok: true, count: lostEvents + 2 });
    expect((await new BackupDesk(h.desk).status()).restored).toMatchObject({ events: lostEvents });
  });
});
