import type { Plugin } from 'vite';

/**
 * What a PIN's unlock and the session's screens load, in one chunk instead of dozens (issue 15).
 *
 * Left to itself, the bundler makes one chunk for every distinct set of lazy importers: the clerk
 * path was 58 files of its own, most under 1 KB gzip. Each file is compressed on its own and
 * repeats the imports and names the others share, so the path weighed about 13 KB more than the
 * same code in one file. The session chunk takes the modules its roots import statically, except
 * those the login screen already loads (they stay where they are, or the login would wait for
 * it). Dynamic imports inside it stay lazy unless their target is a root too.
 *
 * The roots are the unlock (the desk with its storage, keys and log, and the projector that
 * catches up), the session's shell, and the registration desk, a clerk's home: the patient
 * search, form and token slip that the ward, emergency and lab screens build on as well. The
 * service worker precaches every chunk whichever role logs in, so one chunk for all roles costs
 * a lab technician no download; the other screens stay in chunks of their own, loaded on first use.
 */
export const SESSION_CHUNK = 'session';
export const SESSION_ROOTS = [
  'src/device/db.ts', 'src/device/desk.ts', 'src/device/keyRing.ts', 'src/device/locks.ts',
  'src/crypto/keyWrap.ts', 'src/crypto/sealing.ts', 'src/device/pouchLog.ts', 'src/device/localPouch.ts',
  'src/device/projector.ts', 'src/ui/Shell.tsx',
  'src/ui/desk/DeskScreen.tsx', 'src/ui/desk/PatientScreen.tsx', 'src/print/printSlip.tsx',
];

interface ModuleGraph {
  importedIds(id: string): readonly string[];
  entries: readonly string[];
}

/** Every module reached from `start` through static imports, not going past `stopAt`. */
function staticClosure(graph: ModuleGraph, start: readonly string[], stopAt: ReadonlySet<string> = new Set()): Set<string> {
  const seen = new Set<string>();
  const stack = [...start];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id) || stopAt.has(id)) continue;
    seen.add(id);
    stack.push(...graph.importedIds(id));
  }
  return seen;
}

/** The session chunk's modules: what the roots import statically, less what the login screen loads. */
export function sessionModules(graph: ModuleGraph, roots: readonly string[]): Set<string> {
  return staticClosure(graph, roots, staticClosure(graph, graph.entries));
}

export function sessionChunk(root: string): Plugin {
  let session = new Set<string>();
  const roots = SESSION_ROOTS.map((path) => `${root}/${path}`);
  return {
    name: 'session-chunk',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          // The modules the unlock imports lazily (to keep them off the login screen) share the
          // chunk on purpose; the bundler would warn that those imports no longer split them off.
          checks: { ineffectiveDynamicImport: false },
          output: {
            codeSplitting: {
              // The chunk holds exactly the modules chosen below, not what those import in turn.
              includeDependenciesRecursively: false,
              groups: [{ name: SESSION_CHUNK, test: (id: string) => session.has(id) }],
            },
          },
        },
      },
    }),
    buildEnd() {
      const missing = roots.filter((id) => !this.getModuleInfo(id));
      if (missing.length) this.error(`session-chunk: no module ${missing.join(', ')}; keep SESSION_ROOTS in step with src`);
      session = sessionModules({
        importedIds: (id) => this.getModuleInfo(id)?.importedIds ?? [],
        entries: [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry),
      }, roots);
    },
  };
}
