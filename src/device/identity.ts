import type { Department } from '../domain/device';
import type { PrinterDpi } from '../domain/printer';

/** Who this device is, written once at enrollment (device-local). */
export interface DeviceIdentity {
  code: string;
  hospital: string;
  departments: Department[];
  timeZone: string;
  enrolledAt: string;
}

export type Paper = '80mm' | 'A6';

export interface DeviceSettings {
  idleMinutes: number;
  /** The slip printer at this desk: an 80 mm thermal roll, or plain A6 sheets. */
  paper: Paper;
  /** The resolution of this device's printers (label roll, slip roll or sheets): barcodes are drawn in its whole dots. */
  printerDpi: PrinterDpi;
}
