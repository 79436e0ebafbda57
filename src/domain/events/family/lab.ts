import { LAB_EVENT_SCHEMAS } from '../../lab/labEvents';
import { projectLab } from '../../projections/projectLab';
import type { FamilyCode } from '../families';

export const LAB_FAMILY: FamilyCode<'lab'> = { family: 'lab', schemas: LAB_EVENT_SCHEMAS, project: projectLab };
