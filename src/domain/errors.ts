/**
 * Typed errors that carry what went wrong and the offending value, so that every entry point
 * (forms, append, pulled documents) can report it precisely and in the user's language.
 * `code` is a translation key under `errors.` in src/ui/i18n.
 */
export interface Issue {
  /** Dotted path of the offending field ('' for the whole input). */
  path: string;
  code: string;
  params?: Record<string, string | number>;
}

export class ValidationError extends Error {
  readonly issues: Issue[];
  readonly value: unknown;
  constructor(issues: Issue[], value: unknown, context = 'input') {
    super(`Invalid ${context}: ${issues.map((i) => `${i.path || '(root)'} ${i.code}`).join('; ')}`);
    this.name = 'ValidationError';
    this.issues = issues;
    this.value = value;
  }
}

/** A domain rule refused the action (e.g. a locked account); `code` is a translation key. */
export class RuleError extends Error {
  readonly code: string;
  readonly params: Record<string, string | number>;
  constructor(code: string, params: Record<string, string | number> = {}) {
    super(`${code} ${JSON.stringify(params)}`);
    this.name = 'RuleError';
    this.code = code;
    this.params = params;
  }
}
