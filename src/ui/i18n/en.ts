import { strings as baseEn } from './strings/base.en';
import { strings as commonEn } from './strings/common.en';
import { strings as backupEn } from './strings/backup.en';
import { strings as enrollEn } from './strings/enroll.en';
import { strings as recoveryEn } from './strings/recovery.en';
import { strings as deskEn } from './strings/desk.en';
import { strings as slipEn } from './strings/slip.en';
import { strings as queueEn } from './strings/queue.en';
import { strings as emergencyEn } from './strings/emergency.en';
import { strings as wardsEn } from './strings/wards.en';
import { strings as labEn } from './strings/lab.en';
import { strings as hisEn } from './strings/his.en';
import { strings as syncEn } from './strings/sync.en';
import { strings as adminEn } from './strings/admin.en';
import { mergeStrings } from './mergeStrings';

/**
 * Every English string, all areas merged: for tests and types only. The app never imports
 * this (it loads areas with their screens: index.ts, areas.ts); `npm run size` would show it.
 */
export const en = mergeStrings(baseEn, commonEn, backupEn, enrollEn, recoveryEn, deskEn, slipEn, queueEn, emergencyEn, wardsEn, labEn, hisEn, syncEn, adminEn) as Messages;

export type Messages = typeof baseEn & typeof commonEn & typeof backupEn & typeof enrollEn & typeof recoveryEn & typeof deskEn & typeof slipEn & typeof queueEn & typeof emergencyEn & typeof wardsEn & typeof labEn & typeof hisEn & typeof syncEn & typeof adminEn;

/** Each area's English strings, by area: a key lives in exactly one (a unit test checks). */
export const enAreas = { base: baseEn, common: commonEn, backup: backupEn, enroll: enrollEn, recovery: recoveryEn, desk: deskEn, slip: slipEn, queue: queueEn, emergency: emergencyEn, wards: wardsEn, lab: labEn, his: hisEn, sync: syncEn, admin: adminEn };
