import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';
import { AREAS } from '../../src/ui/i18n/areas';
import { initI18n, loadAreas } from '../../src/ui/i18n';

// findBy… and waitFor wait for what the screen shows, not for a time: their 1 s default bound
// was met by an enrollment (PIN hashing) on a CI machine with both cores busy. The bound stays
// well under the test timeout, so a screen that never appears still fails with its own message.
configure({ asyncUtilTimeout: 20_000 });

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());

// The app loads each screen's strings with its chunk (src/ui/i18n/areas.ts); tests render screens
// on their own, so every area is there from the start, as in a session that has opened them all.
// That a screen's chunk loads the areas it uses is checked by tests/unit/i18n.test.ts.
initI18n('en');
await loadAreas(AREAS);
