import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FrontDesk } from '../../../src/device/frontDesk';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { ReconcileScreen } from '../../../src/ui/reconcile/ReconcileScreen';
import { DeskProvider } from '../../../src/ui/services';
import { ADMIN, ENROLLMENT, makeDesk, PATIENT } from '../../helpers/deviceHarness';

/** The files the screen handed to the browser to save, in order, and the names it gave them. */
let saved: Blob[] = [];
let names: string[] = [];

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
  Element.prototype.scrollIntoView ??= () => {};
  saved = [];
  names = [];
  // jsdom has no object URLs and does not save files: keep what would have been saved.
  URL.createObjectURL = (blob: Blob) => { saved.push(blob); return `blob:saved-${saved.length}`; };
  URL.revokeObjectURL = () => {};
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { names.push(this.download); });
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** The downtime IDs of the Patient resources in a saved NDJSON file of transaction bundles. */
async function patientsIn(file: Blob): Promise<string[]> {
  const bundles = (await file.text()).trimEnd().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { entry: Array<{ resource: { resourceType: string; identifier?: Array<{ value: string }> } }> });
  return bundles.flatMap((b) => b.entry).filter((e) => e.resource.resourceType === 'Patient').map((e) => e.resource.identifier![0]!.value).sort();
}

describe('downloads for the HIS', () => {
  it('start the next "changes" download after the last one the HIS took: an unconfirmed download moves nothing, a confirmed one does', async () => {
    const user = userEvent.setup();
    const h = makeDesk();
    const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
    const front = new FrontDesk(h.desk);
    const register = async (name: string, n: number) => (await front.register(admin, { ...PATIENT, name, mobile: `98110${String(10000 + n)}` })).patient;
    const asha = await register('Asha Rani', 1);
    render(<DeskProvider desk={h.desk}><ReconcileScreen actor={admin} /></DeskProvider>);
    const marker = () => screen.getByTestId('last-download');
    const changes = () => screen.getByRole('button', { name: 'Download changes since last download' });
    const everything = () => screen.getByRole('button', { name: 'Download FHIR export: everything' });
    const taken = (file: string) => screen.getByRole('button', { name: `The HIS has taken ${file}` });
    /** The files listed as waiting for confirmation. */
    const pending = () => screen.queryAllByTestId('pending-file').map((row) => row.textContent!.split(' ')[0]!);

    await waitFor(() => expect(marker()).toHaveTextContent('No download from this device has been confirmed as taken by the HIS yet'));
    expect(changes()).toBeDisabled();

    // Downloaded, not confirmed: still no marker, and the screen says so.
    await user.click(everything());
    await waitFor(() => expect(saved).toHaveLength(1));
    expect(await patientsIn(saved[0]!)).toEqual([asha]);
    await waitFor(() => expect(pending()).toEqual([names[0]]));
    expect(screen.getByTestId('pending-download')).toHaveTextContent(/not yet confirmed as taken by the HIS/);
    const first = /downtime-fhir-(\S+)\.ndjson/.exec(names[0]!)![1]!;
    expect(marker()).toHaveTextContent('No download from this device has been confirmed');
    expect(changes()).toBeDisabled();

    // Confirmed: the next "changes" starts after it.
    await user.click(taken(names[0]!));
    await waitFor(() => expect(marker()).toHaveTextContent(`The next download of changes starts after download ${first}`));
    expect(screen.queryByTestId('pending-download')).toBeNull();
    expect(screen.getByRole('status')).toHaveTextContent(`Confirmed: the HIS has taken download ${first}.`);

    // A download of changes the HIS never took (the file was lost): the marker stays where it was.
    const bhola = await register('Bhola Nath', 2);
    await waitFor(() => expect(changes()).toBeEnabled());
    await user.click(changes());
    await waitFor(() => expect(saved).toHaveLength(2));
    expect(await patientsIn(saved[1]!)).toEqual([bhola]);
    await waitFor(() => expect(pending()).toEqual([names[1]]));
    expect(marker()).toHaveTextContent(`starts after download ${first}`);

    // So the next download of changes still holds Bhola, with the patient registered since.
    const chanda = await register('Chanda Devi', 3);
    await user.click(changes());
    await waitFor(() => expect(saved).toHaveLength(3));
    expect(await patientsIn(saved[2]!)).toEqual([bhola, chanda].sort());
    await waitFor(() => expect(pending()).toEqual([names[1], names[2]]));
    const third = /downtime-fhir-changes-(\S+)\.ndjson/.exec(names[2]!)![1]!;
    expect(marker()).toHaveTextContent(`starts after download ${first}`);

    // This one the HIS took: the marker moves to it, the older file is settled with it, and the next download of changes is empty.
    await user.click(taken(names[2]!));
    await waitFor(() => expect(pending()).toEqual([]));
    await waitFor(() => expect(marker()).toHaveTextContent(`starts after download ${third}`));
    await user.click(changes());
    await waitFor(() => expect(saved).toHaveLength(4));
    expect(await patientsIn(saved[3]!)).toEqual([]);
  });
});
