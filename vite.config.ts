/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { chunks } from './build/chunks.ts';

/**
 * Zod compiles object parsers with `new Function` when it may, and probes for it when a schema
 * is built; the app server's Content-Security-Policy has no 'unsafe-eval'. Zod's global config is
 * read when its core module loads, so the browser build starts it with `jitless: true` there.
 * The app's schemas are zod/mini's, whose objects never compile; this keeps any other zod code
 * (a classic import, a later version) from trying.
 */
const zodWithoutEval: Plugin = {
  name: 'zod-without-eval',
  transform(code, id) {
    if (!/[\\/]zod[\\/]v4[\\/]core[\\/]core\.js$/.test(id)) return null;
    const from = '(_a.__zod_globalConfig = {})';
    if (!code.includes(from)) throw new Error('zod-without-eval: zod core changed; check how it reads its global config');
    return code.replace(from, '(_a.__zod_globalConfig = { jitless: true })');
  },
};

export default defineConfig({
  plugins: [
    react(),
    zodWithoutEval,
    chunks(import.meta.dirname),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'sw',
      filename: 'sw.ts',
      // We register through workbox-window ourselves (src/ui/update), production builds only.
      injectRegister: false,
      injectManifest: {
        rollupFormat: 'iife',
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
      },
      manifest: {
        name: 'Downtime Desk',
        short_name: 'Downtime Desk',
        description: 'Offline registration, queue and lab desk for hospital downtime',
        start_url: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#0b5394',
        icons: [{ src: 'icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
    }),
  ],
  resolve: {
    // Dexie's own build for browsers of ES2018 and later (every target here): its default one is
    // transpiled for older ones, 1.4 KB more gzip on the first load after login (issue 15). One
    // alias for every importer, so the app still holds a single Dexie.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    // Every browser of es2022 preloads modules itself: the polyfill would only add to the first load (issue 15).
    modulePreload: { polyfill: false },
  },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['tests/helpers/everyFamilyInUse.ts'],
          // Pure tests, but some load heavy tools (the lint config, property runs): a busy CI
          // machine must not fail them on the 5 s default.
          testTimeout: 30_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['tests/helpers/setupDom.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
