import { HisImport } from '../../device/hisImport';
import { useDesk } from '../services';
import { perDesk } from '../useCases';

// Here, not in useCases.ts: the CSV parser loads with the administrator's import screen, never at a clerk's desk.
const hisImportOf = perDesk((d) => new HisImport(d));

/** The administrator's import of the HIS patient index. */
export const useHisImport = (): HisImport => hisImportOf(useDesk());
