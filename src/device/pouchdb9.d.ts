/// <reference types="pouchdb-core" />
/// <reference types="pouchdb-adapter-http" />
/// <reference types="pouchdb-replication" />

// PouchDB 9's modular packages under the names package.json gives them beside the server's
// PouchDB 7 (src/device/localPouch.ts says why). Their API is the one @types/pouchdb-* describes.
declare module 'pouchdb-core-9' {
  const PouchDB: PouchDB.Static;
  export default PouchDB;
}

declare module 'pouchdb-adapter-http-9' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}

declare module 'pouchdb-replication-9' {
  const plugin: PouchDB.Plugin;
  export default plugin;
}
