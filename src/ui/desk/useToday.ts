import { useEffect, useState } from 'react';
import { useFront } from '../useCases';

/** The hospital's calendar day, refreshed every minute so the desk rolls over at midnight. */
export function useToday(): string | null {
  const front = useFront();
  const [day, setDay] = useState<string | null>(null);
  useEffect(() => {
    const read = () => void front.todayDay().then(setDay, () => setDay(null));
    read();
    const timer = window.setInterval(read, 60_000);
    return () => window.clearInterval(timer);
  }, [front]);
  return day;
}
