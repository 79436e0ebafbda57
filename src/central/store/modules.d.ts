// The embedded store's CommonJS packages ship no types; only what this folder uses is declared.
declare module 'couchdb-eval' {
  const couchEval: { evaluate(designDoc: unknown, extraVars: object, program: string): unknown; wrapExecutionError(err: unknown): Error };
  export default couchEval;
}
declare module 'couchdb-objects' {
  export function buildUserContextObject(info: unknown): unknown;
}
declare module 'pouchdb-plugin-error' {
  export default class PouchPluginError {
    constructor(opts: { name: string; message: unknown; status: number });
    status: number; name: string; message: string; error: true;
  }
}
declare module 'pouchdb-wrappers' {
  const wrappers: { installWrapperMethods(db: unknown, handlers: Record<string, unknown>): void };
  export default wrappers;
}
declare module 'express-pouchdb' {
  import type { Server } from 'node:http';
  interface ExpressPouchApp {
    dbWrapper: { registerWrapper(w: (name: string, db: unknown, next: () => void) => void): void };
    setPouchDB(pouchDB: unknown): void;
    listen(port: number, host: string, ready: () => void): Server;
  }
  function expressPouchDB(options: { configPath: string; mode: string; overrideMode?: { exclude?: string[] } }): ExpressPouchApp;
  export default expressPouchDB;
}
declare module 'pouchdb-core' {
  interface PouchStatic { plugin(plugin: unknown): PouchStatic; defaults(options: object): unknown }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
declare module 'pouchdb-adapter-leveldb' { const plugin: unknown; export default plugin }
declare module 'pouchdb-mapreduce' { const plugin: unknown; export default plugin }
