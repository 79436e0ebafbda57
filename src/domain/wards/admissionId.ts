import { checkedId } from '../ids/checkedId';

/** IP-<device>-<6 digits>-<check>: one in-patient admission, counted per device like downtime IDs. */
const admission = checkedId('IP', 6);
export const ADMISSION_ID = admission.pattern;
export const formatAdmissionId = admission.format;
export const parseAdmissionId = admission.parse;
export const looksLikeAdmissionId = admission.looksLike;
