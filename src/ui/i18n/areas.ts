import type { Language } from './languages';
import { strings as baseEn } from './strings/base.en';

/**
 * The dictionaries are split by area (issue 15): `base` (the login screen and its frame) is built
 * into the first load in English; every other area loads with the screens that show it, and Hindi
 * only when it is in use or printed. Each area is one module per language, so one chunk each (the
 * service worker precaches them all). A key lives in exactly one area; areas merge into the one
 * i18next namespace, so keys read the same whichever area they come from.
 */
export const AREAS = ['base', 'common', 'backup', 'enroll', 'recovery', 'desk', 'slip', 'queue', 'emergency', 'wards', 'lab', 'his', 'sync', 'admin'] as const;
export type Area = (typeof AREAS)[number];

type Strings = Record<string, unknown>;
type Loader = () => Promise<Strings>;

// One import() per file, written out: the bundler makes a chunk of each.
export const LOADERS: Record<Language, Record<Area, Loader>> = {
  en: {
    base: () => Promise.resolve(baseEn), // built in: the first load's own strings
    common: () => import('./strings/common.en').then((m) => m.strings),
    backup: () => import('./strings/backup.en').then((m) => m.strings),
    enroll: () => import('./strings/enroll.en').then((m) => m.strings),
    recovery: () => import('./strings/recovery.en').then((m) => m.strings),
    desk: () => import('./strings/desk.en').then((m) => m.strings),
    slip: () => import('./strings/slip.en').then((m) => m.strings),
    queue: () => import('./strings/queue.en').then((m) => m.strings),
    emergency: () => import('./strings/emergency.en').then((m) => m.strings),
    wards: () => import('./strings/wards.en').then((m) => m.strings),
    lab: () => import('./strings/lab.en').then((m) => m.strings),
    his: () => import('./strings/his.en').then((m) => m.strings),
    sync: () => import('./strings/sync.en').then((m) => m.strings),
    admin: () => import('./strings/admin.en').then((m) => m.strings),
  },
  hi: {
    base: () => import('./strings/base.hi').then((m) => m.strings),
    common: () => import('./strings/common.hi').then((m) => m.strings),
    backup: () => import('./strings/backup.hi').then((m) => m.strings),
    enroll: () => import('./strings/enroll.hi').then((m) => m.strings),
    recovery: () => import('./strings/recovery.hi').then((m) => m.strings),
    desk: () => import('./strings/desk.hi').then((m) => m.strings),
    slip: () => import('./strings/slip.hi').then((m) => m.strings),
    queue: () => import('./strings/queue.hi').then((m) => m.strings),
    emergency: () => import('./strings/emergency.hi').then((m) => m.strings),
    wards: () => import('./strings/wards.hi').then((m) => m.strings),
    lab: () => import('./strings/lab.hi').then((m) => m.strings),
    his: () => import('./strings/his.hi').then((m) => m.strings),
    sync: () => import('./strings/sync.hi').then((m) => m.strings),
    admin: () => import('./strings/admin.hi').then((m) => m.strings),
  },
};

/**
 * The areas each lazily loaded screen (or form) needs beside `base`, loaded with its chunk. Keyed
 * by the folder under src/ui the screen lives in; a unit test checks every key those folders use
 * is in these areas.
 */
export const SCREEN_AREAS = {
  shell: ['common'],
  home: ['common'],
  // Enrolment can restore from a bundle.
  enroll: ['common', 'enroll', 'backup'],
  recovery: ['common', 'recovery'],
  keys: ['recovery'],
  kiosk: ['queue'],
  desk: ['common', 'desk'],
  queue: ['common', 'queue'],
  emergency: ['common', 'desk', 'emergency'],
  wards: ['common', 'desk', 'wards'],
  lab: ['common', 'desk', 'lab'],
  his: ['common', 'his'],
  reconcile: ['common', 'his'],
  sync: ['common', 'sync', 'desk'],
  // The printer settings show the lab's label paper sizes; "This device" has the backup panel.
  admin: ['common', 'admin', 'enroll', 'wards', 'lab', 'backup'],
  // The bundle reminder after a login (loaded when one is first due) and the backup panel.
  backup: ['common', 'backup'],
} as const satisfies Record<string, readonly Area[]>;
export type Screen = keyof typeof SCREEN_AREAS;
