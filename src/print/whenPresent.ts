/**
 * Resolves with the first element under `container` matching `selector`, as soon as it exists;
 * rejects after `timeoutMs` so that a slip that failed to render is never printed blank.
 */
export function whenPresent(container: Element, selector: string, timeoutMs: number): Promise<Element> {
  const present = container.querySelector(selector);
  if (present) return Promise.resolve(present);
  return new Promise((resolve, reject) => {
    const observer = new MutationObserver(() => {
      const found = container.querySelector(selector);
      if (!found) return;
      stop();
      resolve(found);
    });
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`print: ${selector} did not appear within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = () => {
      observer.disconnect();
      clearTimeout(timer);
    };
    // A selector can start matching because an attribute changed, not only when nodes are added.
    observer.observe(container, { childList: true, subtree: true, attributes: true });
  });
}
