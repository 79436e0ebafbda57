import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { loadInEveryLanguage, type Area } from '../ui/i18n';
import { PRINT_ROOT_ID } from './printRootId';
import { whenPresent } from './whenPresent';
import './printRoot.css';

export { PRINT_ROOT_ID };
const RENDER_TIMEOUT_MS = 5_000;

let mounted: { element: HTMLElement; root: Root } | null = null;
let job = 0;
// One print dialog at a time: a second document rendered into #print-root while the first is
// being printed would replace it on paper.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints a document through the browser's print dialog: it is rendered into a hidden #print-root,
 * the page is sized by `pageCss`, and print() waits until `readySelector` (e.g. a barcode) is on
 * the page. Token slips, specimen labels and lab slips all go through here, one at a time.
 * `strings`: the areas (src/ui/i18n/areas.ts) the document prints in both languages.
 */
export function printDocument(content: ReactNode, pageCss: string, readySelector: string, strings: readonly Area[]): Promise<void> {
  const run = queue.then(() => printNow(content, pageCss, readySelector, strings));
  queue = run.catch(() => undefined);
  return run;
}

async function printNow(content: ReactNode, pageCss: string, readySelector: string, strings: readonly Area[]): Promise<void> {
  // Printouts carry Hindi beside English, whatever language the screen is in, and their strings
  // load on first use (from the precache when offline).
  await loadInEveryLanguage(strings);
  const { element, root } = printRoot();
  setPageSize(pageCss);
  job += 1;
  // A fresh tree per job (key): the wait below then sees this document, never the last one's.
  root.render(<div key={job} data-print-job={job}>{content}</div>);
  await whenPresent(element, `[data-print-job="${job}"] ${readySelector}`, RENDER_TIMEOUT_MS);
  if ('fonts' in document) await document.fonts.ready;
  await printAndWait();
}

/**
 * Empty #print-root once the queue is done: the last slip, label or recovery sheet stays there
 * for the print dialog (see printAndWait), and must not outlive the session that printed it.
 */
export function clearPrinted(): Promise<void> {
  const run = queue.then(() => { mounted?.root.render(null); });
  queue = run.catch(() => undefined);
  return run;
}

function printRoot(): { element: HTMLElement; root: Root } {
  if (mounted?.element.isConnected) return mounted;
  let element = document.getElementById(PRINT_ROOT_ID);
  if (!element) {
    element = document.createElement('div');
    element.id = PRINT_ROOT_ID;
    document.body.append(element);
  }
  mounted?.root.unmount();
  mounted = { element, root: createRoot(element) };
  return mounted;
}

let pageSheet: CSSStyleSheet | null = null;
let pageCssNow: string | null = null;

/** The page rule of the document being printed (the sheet's text is not readable everywhere). */
export const currentPageCss = (): string | null => pageCssNow;

/**
 * The page size goes into a constructed style sheet, not a <style> element: the server's
 * Content-Security-Policy (style-src 'self') refuses inline style elements.
 */
function setPageSize(pageCss: string): void {
  if (!pageSheet) {
    pageSheet = new CSSStyleSheet();
    document.adoptedStyleSheets = [...(document.adoptedStyleSheets ?? []), pageSheet];
  }
  pageSheet.replaceSync(pageCss);
  pageCssNow = pageCss;
}

/**
 * Chromium's print() returns only when the dialog closes, after 'afterprint'. Some mobile
 * browsers return at once and fire 'afterprint' late or never, so returning also ends the wait.
 * The document is left in #print-root for them: they may still be reading it after we resolve.
 */
function printAndWait(): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      window.removeEventListener('afterprint', done);
      resolve();
    };
    window.addEventListener('afterprint', done);
    try {
      window.print();
      done();
    } catch (error) {
      window.removeEventListener('afterprint', done);
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
