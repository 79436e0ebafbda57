import { RECONCILE_EVENT_SCHEMAS } from '../../reconcile/events';
import { projectReconcile } from '../../projections/projectReconcile';
import type { FamilyCode } from '../families';

export const RECONCILE_FAMILY: FamilyCode<'reconcile'> = { family: 'reconcile', schemas: RECONCILE_EVENT_SCHEMAS, project: projectReconcile };
