import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { decodeFieldError } from './errors';

interface FieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  hint?: ReactNode;
  error?: string;
  /** Shown after the label ("required", "optional"), by CSS, so the label's own text stays the field's name. */
  mark?: string;
}

/** Label, input, hint and the field's error, wired for screen readers and keyboards. */
export function Field({ label, hint, error, mark, ...input }: FieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} data-mark={mark}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={`${id}-hint ${id}-error`} {...input} />
      {hint ? <small id={`${id}-hint`} className="hint">{hint}</small> : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  error?: string;
  mark?: string;
}

/** Label, select (its options as children) and the field's error, wired like Field. */
export function SelectField({ label, error, mark, children, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id} data-mark={mark}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={`${id}-error`} {...select}>{children}</select>
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function FieldError({ id, message }: { id?: string; message?: string }) {
  const { t } = useTranslation();
  const decoded = decodeFieldError(message);
  return (
    <span id={id} className="field-error" role={decoded ? 'alert' : undefined}>
      {decoded ? t(`errors.${decoded.code}`, { defaultValue: t('errors.invalid'), ...decoded.params }) : null}
    </span>
  );
}

export function FormError({ text }: { text: string | null }) {
  return text ? <p className="form-error" role="alert">{text}</p> : null;
}
