import { CORE_EVENT_SCHEMAS } from './catalog';
import { useEventFamily } from './families';
import { LAB_FAMILY } from './family/lab';
import { EMERGENCY_FAMILY } from './family/emergency';
import { WARDS_FAMILY } from './family/wards';
import { RECONCILE_FAMILY } from './family/reconcile';

/**
 * Every department's event code, in use from import: for the server and the tools, which check
 * every type a device may send, and have no first load to keep small.
 */
const FAMILIES = [LAB_FAMILY, EMERGENCY_FAMILY, WARDS_FAMILY, RECONCILE_FAMILY];
FAMILIES.forEach(useEventFamily);

export const EVERY_EVENT_SCHEMA = Object.assign({}, CORE_EVENT_SCHEMAS, ...FAMILIES.map((f) => f.schemas)) as
  typeof CORE_EVENT_SCHEMAS & typeof LAB_FAMILY.schemas & typeof EMERGENCY_FAMILY.schemas & typeof WARDS_FAMILY.schemas & typeof RECONCILE_FAMILY.schemas;
