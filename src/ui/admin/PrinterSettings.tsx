import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionUser } from '../../device/desk';
import { formatSpecimenId } from '../../domain/ids/specimenId';
import { PRINTER_DPIS } from '../../domain/printer';
import { LabelPaperSelect } from '../lab/LabelPaperSelect';
import { useLabPrefs } from '../lab/labPrefs';
import { useDesk, useLive } from '../services';
import { errorText } from '../shared/errors';
import { FormError } from '../shared/Field';

/** The highest specimen number: a valid ID that no sample on the device has before ten million. */
const TEST_SPECIMEN_NUMBER = 9_999_999;

/**
 * This device's printers: the slip printer's paper, the resolution every barcode is drawn for,
 * and a test label to check a real printer (and scanner) before the outage needs them.
 */
export function PrinterSettings({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const desk = useDesk();
  const settings = useLive((d) => d.settings(), []);
  const identity = useLive((d) => d.identity(), []);
  const paper = useLabPrefs((s) => s.paper);
  const [error, setError] = useState<string | null>(null);
  const [printed, setPrinted] = useState(false);
  const fail = (err: unknown) => setError(errorText(err, t));

  async function printTest() {
    if (!settings || !identity) return;
    setError(null);
    setPrinted(false);
    try {
      const { printTestLabel } = await import('../../print/printLab');
      // Read afresh: the resolution may have been changed a moment ago, before the screen caught up.
      const { printerDpi } = await desk.settings();
      await printTestLabel(paper, printerDpi, formatSpecimenId(identity.code, TEST_SPECIMEN_NUMBER));
      setPrinted(true);
    } catch (err) {
      fail(err);
    }
  }

  return (
    <section className="printers" aria-labelledby="printers-title">
      <h2 id="printers-title">{t('printer.title')}</h2>
      <div className="field narrow">
        <label htmlFor="paper">{t('device.paper')}</label>
        <select id="paper" value={settings?.paper ?? '80mm'} onChange={(e) => void desk.setPaper(actor, e.target.value).catch(fail)}>
          <option value="80mm">{t('device.paper80')}</option>
          <option value="A6">{t('device.paperA6')}</option>
        </select>
      </div>
      <div className="field narrow">
        <label htmlFor="printer-dpi">{t('printer.dpi')}</label>
        <select id="printer-dpi" value={settings?.printerDpi ?? ''} aria-describedby="printer-dpi-hint"
          onChange={(e) => void desk.setPrinterDpi(actor, e.target.value).catch(fail)}>
          {PRINTER_DPIS.map((dpi) => <option key={dpi} value={dpi}>{t(`printer.dpi${dpi}`)}</option>)}
        </select>
        <small id="printer-dpi-hint" className="hint">{t('printer.dpiHint')}</small>
      </div>
      <LabelPaperSelect />
      <p className="hint">{t('printer.testHint')}</p>
      <button type="button" className="secondary" disabled={!settings || !identity} onClick={() => void printTest()}>{t('printer.test')}</button>
      {printed ? <p className="ok" role="status">{t('printer.testPrinted')}</p> : null}
      <FormError text={error} />
    </section>
  );
}
