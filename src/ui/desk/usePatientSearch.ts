import { useEffect, useRef, useState } from 'react';
import type { SearchFilters, SearchResult } from '../../device/frontDesk';
import { useFront } from '../useCases';

/**
 * The search box's query as the person types (results settle 150 ms after the last key), and
 * `now` for Enter, which must act on what is in the box, not on an older answer.
 */
export function usePatientSearch(filters: SearchFilters = {}) {
  const front = useFront();
  const [text, setText] = useState('');
  const [result, setResult] = useState<SearchResult>({ kind: 'empty' });
  const latest = useRef(0);
  const filterKey = JSON.stringify(filters);

  async function now(): Promise<SearchResult> {
    const ticket = ++latest.current;
    const r = await front.search(text, filters);
    if (ticket === latest.current) setResult(r);
    return r;
  }

  useEffect(() => {
    const timer = window.setTimeout(() => void now(), 150);
    return () => window.clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, filterKey]);

  return { text, setText, result, now };
}
