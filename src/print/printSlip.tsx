import { createRoot, type Root } from 'react-dom/client';
import { PAGE_SIZE_CSS, type Paper } from './paper';
import { TokenSlip, type SlipData } from './TokenSlip';
import { whenPresent } from './whenPresent';
import './printRoot.css';

export { PAGE_SIZE_CSS };
export type { Paper, SlipData };

export const PRINT_ROOT_ID = 'print-root';
export const PAGE_STYLE_ID = 'print-page-size';
const RENDER_TIMEOUT_MS = 5_000;

let mounted: { element: HTMLElement; root: Root } | null = null;
let job = 0;
// One print dialog at a time: a second slip rendered into #print-root while the first is being
// printed would replace it on paper.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Prints one token slip through the browser's print dialog: the slip is rendered into a hidden
 * #print-root and the page is sized for the paper. Everything it needs is in this bundle and the
 * device's own fonts, so it prints with no network.
 */
export async function printSlip(slip: SlipData, paper: Paper): Promise<void> {
  const run = queue.then(() => printNow(slip, paper));
  queue = run.catch(() => undefined);
  return run;
}

async function printNow(slip: SlipData, paper: Paper): Promise<void> {
  const { element, root } = printRoot();
  setPageSize(paper);
  job += 1;
  // A fresh tree per job (key): the wait below then sees this slip, never the last one's barcode.
  root.render(
    <div key={job} data-print-job={job}>
      <TokenSlip slip={slip} paper={paper} />
    </div>,
  );
  await whenPresent(element, `[data-print-job="${job}"] svg[data-barcode]`, RENDER_TIMEOUT_MS);
  if ('fonts' in document) await document.fonts.ready;
  await printAndWait();
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

function setPageSize(paper: Paper): void {
  let style = document.getElementById(PAGE_STYLE_ID);
  if (!style) {
    style = document.createElement('style');
    style.id = PAGE_STYLE_ID;
    document.head.append(style);
  }
  style.textContent = PAGE_SIZE_CSS[paper];
}

/**
 * Chromium's print() returns only when the dialog closes, after 'afterprint'. Some mobile
 * browsers return at once and fire 'afterprint' late or never, so returning also ends the wait.
 * The slip is left in #print-root for them: they may still be reading it after we resolve.
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
