import type { Department } from '../domain/device';

/** Who this device is, written once at enrollment (device-local). */
export interface DeviceIdentity {
  code: string;
  hospital: string;
  departments: Department[];
  timeZone: string;
  enrolledAt: string;
}

export interface DeviceSettings {
  idleMinutes: number;
}
