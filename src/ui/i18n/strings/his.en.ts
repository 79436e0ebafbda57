import { hisEn } from '../hisEn';
import { reconcileEn } from '../reconcileEn';

/**
 * The HIS patient index import and the reconciliation workbench.
 * Every key here is in his.hi.ts (typed, and a unit test checks).
 */
export const strings = {
  his: hisEn,
  reconcile: reconcileEn,
  errors: {
    noEarlierDownload: 'No download from this device has been confirmed as taken by the HIS: download everything first.',
    notPendingDownload: 'That file is not waiting for confirmation (already confirmed, or older than a file confirmed since): confirm a file listed as not yet taken.',
    notReaderDevice: 'Only the administrator\'s device, after it has pulled every tablet\'s records, can record this.',
    uhidNotInIndex: 'This UHID is not in the HIS index on this device.',
    alreadyDecided: 'This patient is already decided: undo that decision first.',
    mergeItself: 'A patient cannot be merged into itself.',
    mergeCycle: 'That patient is already merged into this one: merging back would make a circle.',
    nothingToUndo: 'That decision is not in force (already undone?).',
    uhidColumn: 'Choose the column with the UHID.',
    nameColumn: 'Choose the column with the name.',
    sameColumn: 'One column is chosen for two fields.',
    hisMapping: 'Choose the columns first.',
    hisStagedGone: 'The file read earlier is no longer there (another import replaced it): read it again.',
  },
};
