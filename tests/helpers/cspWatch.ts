import type { BrowserContext } from 'playwright-core';

const seen = new WeakMap<BrowserContext, string[]>();

/**
 * Records every Content-Security-Policy violation in any page of the context, across reloads:
 * the app server's policy must never have to block anything the app itself does.
 */
export async function watchCsp(context: BrowserContext): Promise<void> {
  const list: string[] = [];
  seen.set(context, list);
  await context.exposeBinding('__ddCspViolation', (_source, text: string) => { list.push(text); });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __ddCspViolation: (t: string) => void }).__ddCspViolation;
      report(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
}

export const cspViolations = (context: BrowserContext): string[] => seen.get(context) ?? [];
