import type { TFunction } from 'i18next';
import { RuleError, ValidationError } from '../../domain/errors';
import { SyncError } from '../../sync/syncError';

/** One translated line for any error a use-case can throw. */
export function errorText(err: unknown, t: TFunction): string {
  if (err instanceof RuleError) return t(`errors.${err.code}`, err.params);
  if (err instanceof SyncError) return t(`sync.errors.${err.code}`, { defaultValue: err.message, ...err.params });
  if (err instanceof ValidationError) {
    return err.issues.map((i) => t(`errors.${i.code}`, { defaultValue: t('errors.invalid'), ...i.params })).join(' ');
  }
  return t('errors.unexpected', { message: err instanceof Error ? err.message : String(err) });
}

/** How a field error travels through react-hook-form: the key and its parameters, translated at render. */
export const encodeFieldError = (code: string, params?: Record<string, string | number>) => JSON.stringify({ code, params });

export function decodeFieldError(message: string | undefined): { code: string; params?: Record<string, string | number> } | null {
  if (!message) return null;
  try {
    return JSON.parse(message) as { code: string; params?: Record<string, string | number> };
  } catch {
    return { code: 'invalid' };
  }
}
