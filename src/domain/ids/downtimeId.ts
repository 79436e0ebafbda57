import { checkedId } from './checkedId';

export type { IdCheck } from './checkedId';

/** DT-<device>-<6 digits>-<check>: a patient registered during the outage. */
const downtime = checkedId('DT', 6);
export const DOWNTIME_ID = downtime.pattern;
export const formatDowntimeId = downtime.format;
export const parseDowntimeId = downtime.parse;
export const looksLikeDowntimeId = downtime.looksLike;
