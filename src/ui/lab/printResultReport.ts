import type { TFunction } from 'i18next';
import type { SessionUser } from '../../device/desk';
import type { DeviceIdentity } from '../../device/identity';
import type { ResultDesk, ResultView } from '../../device/resultDesk';
import type { LabTest } from '../../domain/lab/catalogue';
import type { ReportPaper } from '../../domain/lab/paper';
import { analytesOf, flagEntries, type ResultEntry } from '../../domain/lab/results/sheet';
import type { ResultVersion } from '../../domain/lab/results/resultState';
import { formatRange, formatValue } from '../../domain/lab/results/values';
import { hospitalDateTime } from '../../domain/time/hospitalClock';
import type { ReportData, ReportLine } from '../../print/ResultReport';
import { answerBoth } from '../i18n/answersHi';
import { ageSex } from './labText';

interface ReportArgs {
  results: ResultDesk;
  actor: SessionUser;
  identity: DeviceIdentity;
  view: ResultView;
  /** The tests as the request's catalogue version names them. */
  tests: readonly LabTest[];
  today: string;
  paper: ReportPaper;
  t: TFunction;
  now: Date;
}

const key = (e: { test: string; analyte: string }) => `${e.test}.${e.analyte}`;

/** A version's values in one line: "HB 13.1 g/dL · PLT 250 10^3/µL" (for the history). */
function valuesLine(view: ResultView, values: readonly ResultEntry[]): string {
  return flagEntries(view.analytes, view.subject, values)
    .map((e) => `${e.analyte} ${e.def ? formatValue(e.def, e.value) : String(e.value)}${e.def?.kind === 'number' && e.def.unit ? ` ${e.def.unit}` : ''}${e.flag ? ` ${e.flag}` : ''}`)
    .join(' · ');
}

/** The report's content from the released version: what the screen shows, laid out for paper. */
export function reportData(args: Omit<ReportArgs, 'results' | 'actor' | 'paper'> & { paper: ReportPaper; copy: number }): ReportData {
  const { view, identity, t, today } = args;
  const tz = identity.timeZone;
  const when = (at: string | undefined) => (at ? hospitalDateTime(at, tz) : '—');
  const released = view.state.released!;
  const earlier = view.state.releases.length > 1 ? view.state.releases[view.state.releases.length - 2] : undefined;
  const before = new Map((earlier?.values ?? []).map((e) => [key(e), e]));
  const flagged = flagEntries(view.analytes, view.subject, released.values);
  const names = new Map(args.tests.map((x) => [x.code, x]));
  const tests = view.specimen.tests.map((code) => {
    const lines: ReportLine[] = [];
    for (const def of analytesOf(view.analytes, code)) {
      const e = flagged.find((f) => f.test === code && f.analyte === def.code);
      if (!e) continue;
      const old = earlier ? before.get(key(e)) : undefined;
      lines.push({
        name: def.name, nameHi: def.nameHi, value: def.kind === 'choice' ? answerBoth(String(e.value)) : formatValue(def, e.value), unit: def.kind === 'number' ? def.unit : '',
        range: def.kind === 'number' ? formatRange(def, e.range) : def.kind === 'choice' ? def.normal.map(answerBoth).join(', ') : '',
        flag: e.flag, calculated: Boolean(e.calculated),
        ...(earlier && old?.value !== e.value ? { was: old ? formatValue(def, old.value) : '—' } : {}),
      });
    }
    return { code, name: names.get(code)?.name ?? code, nameHi: names.get(code)?.nameHi ?? code, lines };
  });
  const dept = identity.departments.find((d) => d.code === view.specimen.dept);
  const history = view.state.releases.slice(0, -1).map((v: ResultVersion, i) =>
    `${i + 1}. ${when(v.verifiedAt)} · ${v.by} / ${v.verifiedBy ?? ''}${v.reason ? ` · ${v.reason}` : ''}: ${valuesLine(view, v.values)}`);
  return {
    paper: args.paper, hospital: identity.hospital,
    patientName: view.patient.name, ageSex: ageSex(view.patient, today, t), patient: view.patient.patient, uhid: view.patient.uhid || undefined,
    dept: dept ? `${dept.code} · ${dept.name}` : view.specimen.dept, clinician: view.request?.clinician ?? '',
    request: view.specimen.request, specimen: view.specimen.specimen, sample: t(`lab.sample_${view.specimen.sample}`),
    collectedAt: `${when(view.specimen.collectedAt)}${view.specimen.collectedBy ? ` · ${view.specimen.collectedBy}` : ''}`,
    receivedAt: `${when(view.specimen.receivedAt)}${view.specimen.receivedBy ? ` · ${view.specimen.receivedBy}` : ''}`,
    tests,
    callOuts: view.state.callOuts.map((c) => t('results.calledOut', {
      values: valuesLine(view, c.values), to: c.to, by: c.by, at: when(c.calledAt),
    })),
    entered: `${view.state.releases[0]!.by} · ${when(view.state.releases[0]!.at)}`,
    verified: `${view.state.releases[0]!.verifiedBy ?? ''} · ${when(view.state.releases[0]!.verifiedAt)}`,
    amended: released.kind === 'amended' ? t('results.amendedBy', { at: when(released.at), by: released.by, reason: released.reason ?? '' }) : undefined,
    history, analyteVersion: released.analyteVersion, printedAt: when(args.now.toISOString()), copy: args.copy,
  };
}

/** Record the print (numbered reprints), then print. The print module loads on first use. */
export async function printResults(args: ReportArgs): Promise<void> {
  const copy = await args.results.recordReportPrint(args.actor, args.view.specimen.specimen, args.paper);
  const { printResultReport } = await import('../../print/printLab');
  await printResultReport(reportData({ ...args, copy }));
}
