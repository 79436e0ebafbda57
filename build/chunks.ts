import type { Plugin } from 'vite';

/**
 * The login screen in one chunk, and what a PIN's unlock and the session's screens load in one
 * more, instead of dozens (issue 15).
 *
 * Left to itself, the bundler makes one chunk for every distinct set of lazy importers: the clerk
 * path was 58 files beyond the login's 11, most under 1 KB gzip. Each file is compressed on its
 * own and repeats the imports and names the others share, so the path weighed about 22 KB more
 * than the same code in two files. The login chunk takes everything the entry imports statically.
 * The session chunk takes the modules its roots import statically, except the login's (the login
 * would otherwise wait for the session chunk). Dynamic imports inside either stay lazy unless their
 * target is a root too.
 *
 * The roots are the unlock (the desk with its storage, keys and log, and the projector that
 * catches up), the session's shell, and the registration desk, a clerk's home: the patient
 * search, form and token slip that the ward, emergency and lab screens build on as well. The
 * service worker precaches every chunk whichever role logs in, so one chunk for all roles costs
 * a lab technician no download; the other screens stay in chunks of their own, loaded on first use.
 */
const LOGIN_CHUNK = 'index';
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

/** The two chunks' modules: what the entry imports statically, and what the roots import statically beyond that. */
export function chunkModules(graph: ModuleGraph, roots: readonly string[]): { login: Set<string>; session: Set<string> } {
  const login = staticClosure(graph, graph.entries);
  return { login, session: staticClosure(graph, roots, login) };
}

export function chunks(root: string): Plugin {
  let groups = { login: new Set<string>(), session: new Set<string>() };
  const roots = SESSION_ROOTS.map((path) => `${root}/${path}`);
  return {
    name: 'chunks',
    apply: 'build',
    config: () => ({
      build: {
        rolldownOptions: {
          // The modules the unlock imports lazily (to keep them off the login screen) share the
          // session chunk on purpose; the bundler would warn that those imports no longer split them off.
          checks: { ineffectiveDynamicImport: false },
          output: {
            codeSplitting: {
              // A chunk holds exactly the modules chosen below, not what those import in turn.
              includeDependenciesRecursively: false,
              groups: [
                // Named as the entry chunk, which it becomes.
                { name: LOGIN_CHUNK, test: (id: string) => groups.login.has(id) },
                { name: SESSION_CHUNK, test: (id: string) => groups.session.has(id) },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      const missing = roots.filter((id) => !this.getModuleInfo(id));
      if (missing.length) this.error(`chunks: no module ${missing.join(', ')}; keep SESSION_ROOTS in step with src`);
      groups = chunkModules({
        importedIds: (id) => this.getModuleInfo(id)?.importedIds ?? [],
        entries: [...this.getModuleIds()].filter((id) => this.getModuleInfo(id)?.isEntry),
      }, roots);
    },
  };
}
