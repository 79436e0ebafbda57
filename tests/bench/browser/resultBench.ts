import i18next from 'i18next';
import { createElement } from 'react';
import { flushSync } from 'react-dom';
import { createRoot } from 'react-dom/client';
import type { Desk } from '../../../src/device/desk';
import type { LabDesk } from '../../../src/device/labDesk';
import { ResultDesk } from '../../../src/device/resultDesk';
import type { EventType } from '../../../src/domain/events/catalog';
import { DEFAULT_CATALOGUE } from '../../../src/domain/lab/defaultCatalogue';
import { DEFAULT_ANALYTES } from '../../../src/domain/lab/results/defaultAnalytes';
import { formatDowntimeId } from '../../../src/domain/ids/downtimeId';
import { cumulativeTable } from '../../../src/domain/lab/results/cumulative';
import { analytesOf, buildSheet } from '../../../src/domain/lab/results/sheet';
import type { ResultValue } from '../../../src/domain/lab/results/values';
import { ResultReport } from '../../../src/print/ResultReport';
import { initI18n, loadLanguage, loadScreenStrings } from '../../../src/ui/i18n';
import { reportData } from '../../../src/ui/lab/printResultReport';
import { ioCounter } from './ioCount';
import { time, timeEach, stats } from './timing';

/** The tests of a full EDTA tube: CBC, ESR and HbA1c are 20 analytes (4 of them calculated). */
export const REPORT_TESTS = ['CBC', 'ESR', 'HBA1C'];

/** Plausible adult values that pass the cross-checks (the differential adds up to 100). */
const NORMAL: Record<string, string> = {
  'CBC.HB': '13.5', 'CBC.RBC': '4.8', 'CBC.HCT': '42', 'CBC.MCV': '88', 'CBC.MCH': '28.1', 'CBC.MCHC': '32.1', 'CBC.RDW': '13',
  'CBC.WBC': '7.5', 'CBC.NEUT': '60', 'CBC.LYMPH': '30', 'CBC.MONO': '6', 'CBC.EOS': '3', 'CBC.BASO': '1', 'CBC.PLT': '250',
  'ESR.ESR': '12', 'HBA1C.HBA1C': '5.4',
};

/** Every fifth report carries a critical platelet count, so its release waits for a call-out. */
export const typedReport = (i: number, tests: readonly string[] = REPORT_TESTS): Record<string, string> => {
  const typed: Record<string, string> = {};
  for (const [key, value] of Object.entries(NORMAL)) if (tests.includes(key.split('.')[0]!)) typed[key] = value;
  if (i % 5 === 0 && typed['CBC.PLT']) typed['CBC.PLT'] = '15';
  return typed;
};

/**
 * Released results for already reported specimens, as events to load in bulk: the patients then
 * have earlier results, so the cumulative view beside the grid reads something real.
 */
export function enteredEvent(specimen: string, tests: readonly string[]): { type: EventType; data: unknown } {
  // Values that are never critical: these reports were released without a call-out.
  const sheet = buildSheet(DEFAULT_ANALYTES, tests, { sex: 'F', band: 'adult' }, typedReport(1, tests));
  if (sheet.issues.length) throw new Error(`bench result values refused: ${JSON.stringify(sheet.issues)}`);
  return { type: 'result.entered', data: { specimen, analyteVersion: DEFAULT_ANALYTES.version, values: sheet.entries } };
}

interface Args {
  desk: Desk;
  lab: LabDesk;
  samples: number;
  patients: number;
  status: (s: string) => void;
}

/**
 * The result desk on the loaded lab tablet: opening a CBC's grid, releasing a 20-analyte report
 * (entry, call-out when critical, verification by a pathologist) until the row reads released,
 * and rendering the A4 report as the print path does, laid out in the page.
 */
const RACK_OF = 100;

export async function runResultBench({ desk, lab, samples, patients, status }: Args) {
  const results = new ResultDesk(desk);
  const tech = { name: 'Bench Tech', role: 'lab' as const };
  const pathologist = { name: 'Dr. Bench Pathologist', role: 'pathologist' as const };
  const identity = (await desk.identity())!;
  // Received tubes to enter, ordered for patients spread over the register (untimed set-up).
  const specimens: string[] = [];
  for (let i = 0; i < samples; i += 1) {
    const patient = formatDowntimeId('LB', 1 + ((i * 7919) % patients));
    const view = await lab.request(tech, { patient, tests: REPORT_TESTS, priority: 'routine', dept: 'MED', clinician: 'Dr. Bench' });
    const tube = view.specimens.find((s) => s.tests.includes('CBC'))!;
    if (tube.tests.length !== REPORT_TESTS.length) throw new Error(`the bench tube holds ${tube.tests.join()}, not ${REPORT_TESTS.join()}`);
    specimens.push(tube.specimen);
  }
  // A rack at a time: one move holds at most 200 specimens.
  for (let i = 0; i < specimens.length; i += RACK_OF) {
    await lab.collect(tech, specimens.slice(i, i + RACK_OF), { collectedBy: 'Sister Bench' });
    await lab.receive(tech, specimens.slice(i, i + RACK_OF));
  }
  status('result bench: tubes received');

  const parts = { enter: [] as number[], callOut: [] as number[], verify: [] as number[] };
  // What the release step asks of IndexedDB and Web Crypto: the profile, stable under load.
  const io = ioCounter();
  const release = await timeEach(samples, async (i) => {
    const id = specimens[i]!;
    const typed = typedReport(i);
    let t = performance.now();
    await results.enter(tech, id, typed);
    parts.enter.push(performance.now() - t);
    if (i % 5 === 0) {
      t = performance.now();
      await results.callOut(tech, id, { to: 'Sister Asha Ward Four', readBack: true });
      parts.callOut.push(performance.now() - t);
    }
    t = performance.now();
    await io.during(async () => {
      await results.verify(pathologist, id);
      const row = await desk.db.labResults.get(id);
      if (row?.status !== 'verified') throw new Error(`report ${id} not readable as released: ${row?.status}`);
    });
    parts.verify.push(performance.now() - t);
  });
  io.restore();
  status('result bench: reports released');

  // The grid as the specimen screen opens it: the specimen, request, patient and results read,
  // the sheet computed with flags and calculated values, the patient's earlier results gathered.
  let withEarlier = 0;
  const openGrid = await time(samples, async (i) => {
    const view = (await results.view(specimens[i]!))!;
    const sheet = results.sheet(view, view.typed);
    const codes = view.specimen.tests.flatMap((test) => analytesOf(view.analytes, test).filter((a) => a.kind !== 'text').map((a) => a.code));
    const table = cumulativeTable(await results.earlier(view), codes);
    if (sheet.lines.length !== 20 || sheet.issues.length) throw new Error(`grid of ${specimens[i]} has ${sheet.lines.length} lines`);
    if (table.columns.length) withEarlier += 1;
  });

  // The A4 report: its data from the stored view, then rendered and laid out in the page as the
  // print root is (fonts and the print dialog are the browser's, not timed).
  initI18n('en');
  // The lab's strings, as its screens load them, in both languages (the report prints both).
  await loadScreenStrings('lab');
  await loadLanguage('hi');
  const tests = DEFAULT_CATALOGUE.tests;
  const today = new Date().toISOString().slice(0, 10);
  const renderReport = await time(samples, async (i) => {
    const view = (await results.view(specimens[i]!))!;
    const data = reportData({ view, identity, tests, today, t: i18next.t, now: new Date(), paper: 'A4', copy: 1 });
    const node = document.createElement('div');
    document.body.append(node);
    const root = createRoot(node);
    flushSync(() => root.render(createElement(ResultReport, { report: data })));
    if (node.offsetHeight === 0 || !node.textContent?.includes(String(valueOf(data, 'Haemoglobin')))) throw new Error('report rendered empty');
    root.unmount();
    node.remove();
  });
  return {
    openGrid, openGridWithEarlier: withEarlier,
    // Issue 18's "saving a released report → visible": the verification saved until the row reads
    // released. The whole sequence (entry, call-out, release) is reported beside it.
    releaseStep: stats(parts.verify),
    releaseStepIo: io.per(parts.verify.length),
    release: stats(release.map((r) => r.ms)),
    releaseParts: { enter: stats(parts.enter), callOut: stats(parts.callOut), verifyVisible: stats(parts.verify) },
    renderReport,
  };
}

const valueOf = (data: ReturnType<typeof reportData>, name: string): ResultValue | undefined =>
  data.tests.flatMap((t) => t.lines).find((l) => l.name === name)?.value;
