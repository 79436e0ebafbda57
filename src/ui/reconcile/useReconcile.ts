import { ReconcileDesk } from '../../device/reconcileDesk';
import { useDesk } from '../services';
import { perDesk } from '../useCases';

// Here, not in useCases.ts: the workbench loads with its own screen, never at a clerk's desk.
const reconcileOf = perDesk((d) => new ReconcileDesk(d));

/** The administrator's reconciliation with the HIS. */
export const useReconcile = (): ReconcileDesk => reconcileOf(useDesk());
