import { parseRecoveryCode } from '../domain/keys/recoveryCode';
import { A4_PAGE_CSS } from './paper';
import { printDocument } from './printJob';
import { RecoverySheet, type RecoverySheetData } from './RecoverySheet';

export type { RecoverySheetData };

/**
 * Prints the recovery sheet on A4, once, at enrollment. Refuses a code that is not a recovery
 * code before anything reaches the printer.
 */
export function printRecoverySheet(sheet: RecoverySheetData): Promise<void> {
  const parsed = parseRecoveryCode(sheet.code);
  if (!parsed.ok) return Promise.reject(new Error(`Not a recovery code (${parsed.code})`));
  return printDocument(<RecoverySheet sheet={sheet} />, A4_PAGE_CSS, 'svg[data-qr]', ['recovery']);
}
