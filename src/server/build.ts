import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'vite';
import { StartupError } from '../central/errors';

/** Build the app with the repository's vite.config.ts, or check that an earlier build exists. */
export async function ensureBuilt(root: string, skipBuild: boolean): Promise<string> {
  const outDir = join(root, 'dist');
  if (!skipBuild) {
    console.log('Building the app (DD_SKIP_BUILD=1 skips this)...');
    await build({ root, logLevel: 'warn' });
  }
  if (!existsSync(join(outDir, 'index.html'))) {
    throw new StartupError(`There is no built app in ${outDir}: run without DD_SKIP_BUILD=1 or run "npm run build".`);
  }
  return outDir;
}
