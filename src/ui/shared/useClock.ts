import { useMemo } from 'react';
import { hospitalDateTime, hospitalTime, type ClockStyle } from '../../domain/time/hospitalClock';
import { useLive } from '../services';

type Instant = Date | string | number;

export interface Clock {
  /** "2026-11-26 10:42 IST"; empty until the device's identity (and so its zone) is read. */
  dateTime(at: Instant, style?: ClockStyle): string;
  /** "10:42 IST" */
  time(at: Instant, style?: ClockStyle): string;
  /** A message's parameters with every ISO instant among them shown as hospital time. */
  instantsIn<P extends Record<string, string | number>>(params: P | undefined): P | undefined;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Times for a screen, in the hospital's zone set at enrollment, whatever the tablet's own clock says. */
export function useClock(): Clock {
  const zone = useLive((d) => d.identity(), [])?.timeZone;
  return useMemo(() => {
    const dateTime = (at: Instant, style?: ClockStyle) => (zone ? hospitalDateTime(at, zone, style) : '');
    return {
      dateTime,
      time: (at, style) => (zone ? hospitalTime(at, zone, style) : ''),
      instantsIn: (params) => params && Object.fromEntries(Object.entries(params)
        .map(([k, v]) => [k, typeof v === 'string' && ISO_INSTANT.test(v) ? dateTime(v) : v])) as typeof params,
    };
  }, [zone]);
}
