import type * as z from 'zod/mini';
import { ValidationError, type Issue } from './errors';

/**
 * Zod issues → our issues. Schemas give custom messages that are already translation keys;
 * zod's built-in codes map onto a small shared vocabulary.
 */
export function toIssues(error: z.core.$ZodError): Issue[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.message && /^[a-z][A-Za-z]+$/.test(issue.message) && !issue.message.includes(' ')) {
      return withParams({ path, code: issue.message }, issue);
    }
    switch (issue.code) {
      case 'too_small':
        return withParams({ path, code: Number(issue.minimum) <= 1 ? 'required' : 'tooShort' }, issue);
      case 'too_big':
        return withParams({ path, code: 'tooLong' }, issue);
      case 'unrecognized_keys':
        return { path: [path, ...issue.keys].filter(Boolean).join('.'), code: 'unknownField' };
      case 'invalid_type':
        return { path, code: issue.input === undefined ? 'required' : 'invalidType' };
      case 'invalid_value':
        return { path, code: 'notAllowed' };
      default:
        return { path, code: 'invalid' };
    }
  });
}

function withParams(base: Issue, issue: z.core.$ZodIssue): Issue {
  if (issue.code === 'too_small') return { ...base, params: { min: Number(issue.minimum) } };
  if (issue.code === 'too_big') return { ...base, params: { max: Number(issue.maximum) } };
  return base;
}

/** Parse or throw a ValidationError listing every problem. */
export function parseWith<S extends z.ZodMiniType>(schema: S, value: unknown, context?: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(toIssues(result.error), value, context);
  return result.data;
}
