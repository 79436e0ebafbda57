import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { SessionUser } from '../../device/desk';
import type { HisFile, ImportProgress, StagedImport } from '../../device/hisImport';
import { DEFAULT_SYSTEMS } from '../../domain/export/systems';
import { mappingProblems, type ColumnMapping } from '../../domain/hisIndex/mapping';
import { HisFileError } from '../../domain/hisIndex/record';
import { formatBytes } from '../admin/formatBytes';
import { useLive } from '../services';
import { errorText } from '../shared/errors';
import { useClock } from '../shared/useClock';
import { useHisImport } from './useHisImport';
import { BadRows } from './BadRows';
import { MappingForm } from './MappingForm';

type Step =
  | { step: 'pick' }
  | { step: 'opening' }
  | { step: 'map'; file: File; info: HisFile; mapping: ColumnMapping | null; uhidSystem: string }
  | { step: 'reading'; progress: ImportProgress }
  | { step: 'review'; staged: StagedImport }
  | { step: 'saving' }
  | { step: 'discarding' };

type Outcome = { kind: 'done' | 'cancelled' | 'discarded' | 'failed'; text: string } | null;

/**
 * The administrator imports the HIS patient index: pick a file, check the columns (CSV), read it
 * with a progress bar (cancel at any time), see the bad rows, then confirm. Until the
 * confirmation the index in use stays as it was.
 */
export function HisImportScreen({ actor }: { actor: SessionUser }) {
  const { t } = useTranslation();
  const his = useHisImport();
  const clock = useClock();
  const current = useLive(() => his.current(), [his]);
  const [step, setStep] = useState<Step>({ step: 'pick' });
  const [outcome, setOutcome] = useState<Outcome>(null);
  const abort = useRef<AbortController | null>(null);
  // Leaving the screen mid-read cancels the import (its staged rows are dropped).
  useEffect(() => () => abort.current?.abort(), []);

  async function pick(file: File | undefined) {
    if (!file) return;
    setOutcome(null);
    setStep({ step: 'opening' });
    try {
      const info = await his.open(file, actor);
      setStep({ step: 'map', file, info, mapping: info.csv?.mapping ?? null, uhidSystem: DEFAULT_SYSTEMS.uhid });
    } catch (err) {
      setOutcome({ kind: 'failed', text: t('his.failed', { why: failure(err, t) }) });
      setStep({ step: 'pick' });
    }
  }

  async function read(s: Extract<Step, { step: 'map' }>) {
    const controller = new AbortController();
    abort.current = controller;
    setStep({ step: 'reading', progress: { rows: 0, bytes: 0, totalBytes: s.file.size } });
    try {
      const staged = await his.stage(s.file, s.info.kind, actor, {
        ...(s.mapping ? { mapping: s.mapping } : {}), uhidSystem: s.uhidSystem.trim(), signal: controller.signal,
        onProgress: (progress) => setStep({ step: 'reading', progress }),
      });
      setStep({ step: 'review', staged });
    } catch (err) {
      const cancelled = controller.signal.aborted;
      setOutcome(cancelled ? { kind: 'cancelled', text: t('his.cancelled') } : { kind: 'failed', text: t('his.failed', { why: failure(err, t) }) });
      setStep({ step: 'pick' });
    } finally {
      abort.current = null;
    }
  }

  async function confirm(staged: StagedImport) {
    setStep({ step: 'saving' });
    try {
      const summary = await his.confirm(staged, actor);
      setOutcome({ kind: 'done', text: t('his.done', { rows: summary.rows, file: summary.fileName }) });
    } catch (err) {
      setOutcome({ kind: 'failed', text: errorText(err, t) });
    }
    setStep({ step: 'pick' });
  }

  async function discard(staged: StagedImport) {
    setStep({ step: 'discarding' });
    try {
      await his.discard(staged);
      setOutcome({ kind: 'discarded', text: t('his.discarded') });
    } catch (err) {
      setOutcome({ kind: 'failed', text: errorText(err, t) });
    }
    setStep({ step: 'pick' });
  }

  return (
    <main className="screen his-screen">
      <h1>{t('his.title')}</h1>
      <p>{t('his.intro')}</p>
      <p data-testid="his-current">
        {current
          ? t('his.current', { rows: current.rows, file: current.fileName, when: clock.dateTime(current.importedAt), by: current.importedBy, bad: current.badRows })
          : current === null ? t('his.none') : ''}
      </p>
      {outcome ? <p role="status" className={outcome.kind === 'failed' ? 'form-error' : undefined}>{outcome.text}</p> : null}

      {step.step === 'pick' || step.step === 'opening' ? (
        <label>
          {t('his.file')}
          <input type="file" accept=".csv,.tsv,.txt,.ndjson,.jsonl,.json,text/csv,application/fhir+ndjson" disabled={step.step === 'opening'}
            onChange={(e) => { void pick(e.target.files?.[0]); e.target.value = ''; }} />
        </label>
      ) : null}
      {step.step === 'opening' ? <p>{t('his.opening')}</p> : null}

      {step.step === 'map' ? (
        <form onSubmit={(e) => { e.preventDefault(); if (!step.mapping || mappingProblems(step.mapping).length === 0) void read(step); }}>
          <p><strong>{step.file.name}</strong> · {formatBytes(step.file.size)}</p>
          {step.info.csv && step.mapping ? (
            <MappingForm preview={step.info.csv.preview} mapping={step.mapping} onChange={(mapping) => setStep({ ...step, mapping })} />
          ) : (
            <section>
              <h2>{t('his.ndjsonTitle')}</h2>
              <label>
                {t('his.uhidSystem')}
                <input value={step.uhidSystem} onChange={(e) => setStep({ ...step, uhidSystem: e.target.value })} required />
              </label>
            </section>
          )}
          <div className="actions">
            <button type="submit" className="primary" disabled={step.mapping !== null && mappingProblems(step.mapping).length > 0}>{t('his.read')}</button>
            <button type="button" className="secondary" onClick={() => setStep({ step: 'pick' })}>{t('his.back')}</button>
          </div>
        </form>
      ) : null}

      {step.step === 'reading' ? (
        <div className="progress-box">
          <p id="his-progress-label">{t('his.reading', { rows: step.progress.rows, done: formatBytes(step.progress.bytes), total: formatBytes(step.progress.totalBytes) })}</p>
          <progress aria-labelledby="his-progress-label" max={Math.max(1, step.progress.totalBytes)} value={step.progress.bytes} />
          <div className="actions">
            <button type="button" className="secondary" autoFocus onClick={() => abort.current?.abort()}>{t('his.cancel')}</button>
          </div>
        </div>
      ) : null}

      {step.step === 'review' ? (
        <section aria-labelledby="his-review">
          <h2 id="his-review">{t('his.review', { good: step.staged.good, bad: step.staged.badCount })}</h2>
          <p>{t('his.reviewNote')}</p>
          <BadRows rows={step.staged.bad} count={step.staged.badCount} />
          {step.staged.good === 0 ? <p className="form-error">{t('his.noneGood')}</p> : null}
          <div className="actions">
            {step.staged.good > 0
              ? <button type="button" className="primary" autoFocus onClick={() => void confirm(step.staged)}>{t('his.confirm', { count: step.staged.good })}</button>
              : null}
            <button type="button" className="secondary" onClick={() => void discard(step.staged)}>{t('his.discard')}</button>
          </div>
        </section>
      ) : null}

      {step.step === 'saving' ? <p>{t('his.saving')}</p> : null}
      {step.step === 'discarding' ? <p>{t('his.discarding')}</p> : null}
    </main>
  );
}

function failure(err: unknown, t: TFunction): string {
  if (err instanceof HisFileError) return t(`his.fileError_${err.code}`, { line: err.line });
  return errorText(err, t);
}
