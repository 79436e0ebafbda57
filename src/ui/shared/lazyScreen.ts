import { lazy, type ComponentType } from 'react';
import { loadScreenStrings, type Screen } from '../i18n';

/**
 * A screen loaded on first use together with its strings (issue 15, i18n/areas.ts): it renders
 * once both are there, so it never shows a key in place of a word.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as React's own lazy(): any props
export function lazyScreen<C extends ComponentType<any>>(screen: Screen, load: () => Promise<C>) {
  return lazy(() => Promise.all([load(), loadScreenStrings(screen)]).then(([component]) => ({ default: component })));
}
