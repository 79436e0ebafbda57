import { useEffect, useRef } from 'react';
import { looksLikeSpecimenScan } from '../../domain/ids/specimenScan';

/** Keys typed further apart than this start a new scan (a scanner types in a few milliseconds). */
const GAP_MS = 1000;

const isTextEntry = (el: EventTarget | null) =>
  el instanceof HTMLTextAreaElement
  || (el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type))
  || (el instanceof HTMLElement && el.isContentEditable);

/**
 * A barcode scanner is a keyboard that types the ID and Enter. Wherever the focus is on the lab
 * screens (a button, a checkbox, a list, nothing), those keys are collected here and the ID is
 * handed to `onScan`. Text fields keep their own keys: the technician may be typing a note, and
 * the scan box itself is a text field.
 */
export function useScanner(onScan: (text: string) => void) {
  const buffer = useRef({ text: '', at: 0 });
  const latest = useRef(onScan);
  useEffect(() => {
    latest.current = onScan;
  }, [onScan]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || isTextEntry(e.target)) return;
      const b = buffer.current;
      if (e.timeStamp - b.at > GAP_MS) b.text = '';
      b.at = e.timeStamp;
      if (e.key === 'Enter') {
        const text = b.text;
        b.text = '';
        // Only a specimen ID or its compact form (a narrow label's barcode) is a scan: Enter on a
        // button still clicks it.
        if (looksLikeSpecimenScan(text)) {
          e.preventDefault();
          latest.current(text);
        }
        return;
      }
      if (e.key.length === 1) b.text = (b.text + e.key).slice(-40);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);
}
