import { useEffect, useRef, useState } from 'react';
import type { FieldValues, Path } from 'react-hook-form';
import type { useDomainForm } from './useDomainForm';

/**
 * A form whose action cannot be undone is asked twice: `ask` checks the values (`check` throws
 * the domain's ValidationError) and holds them; `record` does it; `back` returns to the form with
 * nothing written and the focus on `field` once it is editable again (after the render).
 */
export function useAskFirst<T extends FieldValues>(form: ReturnType<typeof useDomainForm<T>>, field: Path<T>,
  check: (values: T) => void, act: (values: T) => Promise<void>) {
  const [asking, setAsking] = useState<T | null>(null);
  const [busy, setBusy] = useState(false);
  const returning = useRef(false);
  const { setFocus } = form;
  const ask = form.submitWith(async (values) => {
    check(values);
    setAsking(values);
  });
  const back = () => {
    returning.current = true;
    setAsking(null);
  };
  useEffect(() => {
    if (returning.current && !asking) {
      returning.current = false;
      setFocus(field);
    }
  }, [asking, setFocus, field]);
  const record = async () => {
    if (!asking) return;
    setBusy(true);
    form.setFormError(null);
    try {
      await act(asking);
    } catch (err) {
      setAsking(null);
      form.setFormError(err);
    } finally {
      setBusy(false);
    }
  };
  return { asking, busy, ask, back, record };
}
