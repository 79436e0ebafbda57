import { WARD_EVENT_SCHEMAS } from '../../wards/events';
import { projectWards } from '../../projections/projectWards';
import type { FamilyCode } from '../families';

export const WARDS_FAMILY: FamilyCode<'wards'> = { family: 'wards', schemas: WARD_EVENT_SCHEMAS, project: projectWards };
