import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach } from 'vitest';

// findBy… and waitFor wait for what the screen shows, not for a time: their 1 s default bound
// was met by an enrollment (PIN hashing) on a CI machine with both cores busy. The bound stays
// well under the test timeout, so a screen that never appears still fails with its own message.
configure({ asyncUtilTimeout: 20_000 });

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(() => cleanup());
