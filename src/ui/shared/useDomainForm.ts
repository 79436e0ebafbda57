import { useState } from 'react';
import { useForm, type FieldValues, type Path, type UseFormProps } from 'react-hook-form';
import { ValidationError } from '../../domain/errors';
import { encodeFieldError } from './errors';

/**
 * react-hook-form whose validation is the domain's own: the use-case validates (one source of
 * truth, the same rules as for imported or pulled data) and its issues land on the fields by path.
 * Errors that belong to no field are kept as `formError`.
 */
export function useDomainForm<T extends FieldValues>(options: UseFormProps<T>) {
  const form = useForm<T>({ mode: 'onSubmit', reValidateMode: 'onSubmit', ...options });
  const [formError, setFormError] = useState<unknown>(null);

  const submitWith = (action: (values: T) => Promise<void>) => form.handleSubmit(async (values) => {
    setFormError(null);
    try {
      await action(values);
    } catch (err) {
      if (err instanceof ValidationError) {
        const names = new Set<string>();
        const fieldNames = Object.keys(flatten(values));
        for (const issue of err.issues) {
          const name = fieldNames.includes(issue.path) ? issue.path : null;
          if (name && !names.has(name)) {
            names.add(name);
            form.setError(name as Path<T>, { type: issue.code, message: encodeFieldError(issue.code, issue.params) }, { shouldFocus: names.size === 1 });
          }
        }
        if (names.size === err.issues.length) return;
        if (names.size === 0 || err.issues.some((i) => !fieldNames.includes(i.path))) setFormError(err);
        return;
      }
      setFormError(err);
    }
  });

  return { ...form, formError, setFormError, submitWith };
}

function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
    if (prefix && Array.isArray(value)) out[prefix] = value;
  } else if (prefix) {
    out[prefix] = value;
  }
  return out;
}
