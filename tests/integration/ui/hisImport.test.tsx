import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { beforeEach, describe, expect, it } from 'vitest';
import { HisImportScreen } from '../../../src/ui/his/HisImportScreen';
import { initI18n, setLanguage } from '../../../src/ui/i18n';
import { DeskProvider } from '../../../src/ui/services';
import { ADMIN, ENROLLMENT, makeDesk } from '../../helpers/deviceHarness';

const CSV = [
  '\uFEFFमरीज़ आईडी,नाम,लिंग,जन्म तिथि,मोबाइल नंबर,पता,Ward',
  'AIIMS/0001,सुनीता देवी,महिला,12/03/1980,98765 43210,लक्ष्मी नगर,MED',
  'AIIMS/0002,Ravi Kumar,M,31/02/1990,,Delhi,MED',
  'AIIMS/0003,Mohan Lal,M,01/01/1950,9123456789,Delhi,SUR',
  'AIIMS/0001,Again,F,,,,',
].join('\r\n');

async function renderScreen() {
  const h = makeDesk();
  const admin = await h.desk.enroll({ enrollment: ENROLLMENT, admin: ADMIN });
  render(<DeskProvider desk={h.desk}><HisImportScreen actor={admin} /></DeskProvider>);
  return h;
}

beforeEach(() => {
  initI18n('en');
  setLanguage('en');
});

describe('the HIS index import screen', () => {
  it('guesses the columns from Hindi headers, shows the first rows, lists bad rows by line, and imports only when confirmed', async () => {
    const user = userEvent.setup();
    await renderScreen();
    expect(await screen.findByText('No HIS index has been imported on this device.')).toHaveAttribute('data-testid', 'his-current');

    await user.upload(screen.getByLabelText('HIS index file (CSV or NDJSON)'), new File([CSV], 'his.csv', { type: 'text/csv' }));
    expect(await screen.findByLabelText('UHID')).toHaveDisplayValue('मरीज़ आईडी');
    expect(screen.getByLabelText('Name')).toHaveDisplayValue('नाम');
    expect(screen.getByLabelText('Age')).toHaveDisplayValue('— not in the file —');
    expect(screen.getByRole('cell', { name: 'सुनीता देवी' })).toBeInTheDocument();

    // The name column taken away: the import cannot start, and says why.
    await user.selectOptions(screen.getByLabelText('Name'), '— not in the file —');
    expect(screen.getByRole('alert')).toHaveTextContent('Choose the column with the name.');
    expect(screen.getByRole('button', { name: 'Read the file' })).toBeDisabled();
    await user.selectOptions(screen.getByLabelText('Name'), 'नाम');
    await user.click(screen.getByRole('button', { name: 'Read the file' }));

    expect(await screen.findByRole('heading', { name: '2 rows good, 2 bad — import the good ones?' })).toBeInTheDocument();
    const bad = within(screen.getByRole('table')).getAllByRole('row').slice(1).map((r) => r.textContent);
    expect(bad).toEqual([
      '3Date of birth not readable (day first: 31/12/1980, or 1980-12-31)31/02/1990',
      '5Same UHID as line 2AIIMS/0001',
    ]);
    // Nothing is the index yet.
    expect(screen.getByTestId('his-current')).toHaveTextContent('No HIS index has been imported');

    const confirm = screen.getByRole('button', { name: 'Import the 2 good rows' });
    expect(confirm).toHaveFocus();
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('status')).toHaveTextContent('Imported: 2 patients from his.csv. The previous index is replaced.');
    expect(await screen.findByText(/^2 patients from his\.csv, imported 2026-11-26 \d\d:\d\d IST by Asha Verma \(2 rows left out\)\.$/)).toHaveAttribute('data-testid', 'his-current');
  });

  it('"Do not import" leaves the index in use; an unreadable file says why, in Hindi too', async () => {
    const user = userEvent.setup();
    const h = await renderScreen();
    await user.upload(screen.getByLabelText('HIS index file (CSV or NDJSON)'), new File([CSV], 'his.csv'));
    await user.click(await screen.findByRole('button', { name: 'Read the file' }));
    await user.click(await screen.findByRole('button', { name: 'Do not import' }));
    expect(await screen.findByRole('status')).toHaveTextContent('Not imported: the index in use is unchanged.');
    expect(await h.db.hisIndex.count()).toBe(0);

    act(() => { setLanguage('hi'); });
    const notUtf8 = new File(['UHID,Name\r\nA0001,', new Uint8Array([0xc3, 0x28]), '\r\n'], 'his.csv');
    await user.upload(await screen.findByLabelText('HIS सूची फ़ाइल (CSV या NDJSON)'), notUtf8);
    expect(await screen.findByRole('status')).toHaveTextContent('फ़ाइल पढ़ी नहीं जा सकी; वर्तमान सूची नहीं बदली। यह UTF-8 टेक्स्ट नहीं है');
  });

  it('takes FHIR NDJSON under the UHID system typed', async () => {
    const user = userEvent.setup();
    await renderScreen();
    const system = 'https://his.example.org/uhid';
    const line = JSON.stringify({ resourceType: 'Patient', identifier: [{ system, value: 'CR-1001' }], name: [{ text: 'सुनीता देवी' }], gender: 'female' });
    await user.upload(screen.getByLabelText('HIS index file (CSV or NDJSON)'), new File([`${line}\n`], 'Patient.ndjson'));
    const field = await screen.findByLabelText('Identifier system of the hospital\'s UHIDs');
    await user.clear(field);
    await user.type(field, `${system}{Enter}`);
    expect(await screen.findByRole('heading', { name: '1 rows good, 0 bad — import the good ones?' })).toBeInTheDocument();
  });
});
