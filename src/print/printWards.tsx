import { REPORT_PAGE_CSS } from './paper';
import { printDocument } from './printJob';
import { WardCensus, type CensusData } from './WardCensus';

export type { CensusData };

/** The ward census on A4, its pages numbered in both languages. */
export function printWardCensus(census: CensusData): Promise<void> {
  return printDocument(<WardCensus census={census} />, REPORT_PAGE_CSS.A4, '.ward-census');
}
