import { checkedId } from './checkedId';

/** SP-<device>-<7 digits>-<check>: one sample container, printed as a Code 128 label. */
const specimen = checkedId('SP', 7);
export const SPECIMEN_ID = specimen.pattern;
export const formatSpecimenId = specimen.format;
export const parseSpecimenId = specimen.parse;
export const looksLikeSpecimenId = specimen.looksLike;
