import { RuleError, ValidationError } from '../../src/domain/errors';

/** What a refused use-case said: `path:code` per validation issue, or the rule's code. */
export async function refusal(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ValidationError) return err.issues.map((i) => `${i.path}:${i.code}`);
    if (err instanceof RuleError) return [err.code];
    throw err;
  }
  throw new Error('expected a refusal');
}
