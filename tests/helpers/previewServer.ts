import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createAppServer } from '../../src/server/appServer';
import { freePort } from './freePort';

export interface Preview {
  url: string;
  stop: () => Promise<void>;
}

/** Serve the built app (dist/) with the app server `npm start` uses, on 127.0.0.1, without a central store. */
export async function startPreview(outDir = 'dist'): Promise<Preview> {
  if (!existsSync(`${outDir}/index.html`)) throw new Error(`${outDir}/ is missing: run \`npm run build\` before the end-to-end tests`);
  const app = await createAppServer({ distDir: resolve(outDir), gateway: null });
  const port = await freePort();
  await app.listen({ host: '127.0.0.1', port });
  return { url: `http://127.0.0.1:${port}/`, stop: () => app.close() };
}
