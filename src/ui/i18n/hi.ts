import { strings as baseHi } from './strings/base.hi';
import { strings as commonHi } from './strings/common.hi';
import { strings as backupHi } from './strings/backup.hi';
import { strings as enrollHi } from './strings/enroll.hi';
import { strings as recoveryHi } from './strings/recovery.hi';
import { strings as deskHi } from './strings/desk.hi';
import { strings as slipHi } from './strings/slip.hi';
import { strings as queueHi } from './strings/queue.hi';
import { strings as emergencyHi } from './strings/emergency.hi';
import { strings as wardsHi } from './strings/wards.hi';
import { strings as labHi } from './strings/lab.hi';
import { strings as hisHi } from './strings/his.hi';
import { strings as syncHi } from './strings/sync.hi';
import { strings as adminHi } from './strings/admin.hi';
import type { Messages } from './en';
import { mergeStrings } from './mergeStrings';

/** Every Hindi string, all areas merged: for tests only (see en.ts). */
export const hi = mergeStrings(baseHi, commonHi, backupHi, enrollHi, recoveryHi, deskHi, slipHi, queueHi, emergencyHi, wardsHi, labHi, hisHi, syncHi, adminHi) as Messages;

/** Each area's Hindi strings, by area. */
export const hiAreas = { base: baseHi, common: commonHi, backup: backupHi, enroll: enrollHi, recovery: recoveryHi, desk: deskHi, slip: slipHi, queue: queueHi, emergency: emergencyHi, wards: wardsHi, lab: labHi, his: hisHi, sync: syncHi, admin: adminHi };
