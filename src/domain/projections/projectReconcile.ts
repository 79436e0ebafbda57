import type { AnyEvent } from '../events/envelope';
import { reconcileChange } from '../reconcile/state';
import type { RowUpdate } from './rows';

/** The reconciliation row of the patient a decision or an undo is about (reconcile/state.ts folds it). */
export function projectReconcile(event: AnyEvent): RowUpdate[] {
  const change = reconcileChange(event);
  return change ? [{ table: 'reconciliation', key: change.patient, update: change.apply } as unknown as RowUpdate] : [];
}
