import { EMERGENCY_EVENT_SCHEMAS } from '../../emergency/events';
import { projectEmergency } from '../../projections/projectEmergency';
import type { FamilyCode } from '../families';

export const EMERGENCY_FAMILY: FamilyCode<'emergency'> = { family: 'emergency', schemas: EMERGENCY_EVENT_SCHEMAS, project: projectEmergency };
