/**
 * The embedded central store's own process: express-pouchdb on LevelDB, listening on 127.0.0.1
 * only, with CouchDB's validate_doc_update applied by ./designValidation. Started by
 * embeddedStore.ts; nothing but our gateway (and our CLI) talks to it.
 *
 * Arguments: <port> <database folder> <config.json>.
 *
 * Not the pouchdb-server command: it brings a SQLite engine, Fauxton and a proxy mode this product
 * never uses, and its validation plugin was most of the store's write time.
 */
import { createRequire } from 'node:module';
import { sep } from 'node:path';
import type expressPouchDBType from 'express-pouchdb';
import type PouchDBType from 'pouchdb-core';
import { installDesignValidation } from './designValidation';

// CommonJS as express-pouchdb itself loads them: its plugins keep state on the PouchDB class and
// meet a second copy if the ES module builds are loaded beside them.
const require = createRequire(import.meta.url);
const expressPouchDB = require('express-pouchdb') as typeof expressPouchDBType;
// express-pouchdb's auth and replicator databases expect the replication and HTTP plugins present.
const PouchDB = (require('pouchdb-core') as typeof PouchDBType).plugin(require('pouchdb-adapter-http')).plugin(require('pouchdb-replication'));

const [portArg, dbDir, configPath] = process.argv.slice(2);
const port = Number(portArg);
if (!Number.isInteger(port) || !dbDir || !configPath) {
  console.error('usage: storeMain <port> <database folder> <config.json>');
  process.exit(2);
}

// Routes a CouchDB server offers that this product never uses, among them the ones that run code
// sent in the request (temporary views, show/list/update functions) and the admin web UI.
const UNUSED = ['routes/fauxton', 'routes/temp-views', 'routes/show', 'routes/list', 'routes/update', 'routes/rewrite',
  'routes/vhosts', 'routes/replicate', 'routes/find', 'validation'];

const app = expressPouchDB({ configPath, mode: 'fullCouchDB', overrideMode: { exclude: UNUSED } });
installDesignValidation(app);
app.setPouchDB(PouchDB.plugin(require('pouchdb-adapter-leveldb')).plugin(require('pouchdb-mapreduce')).defaults({ prefix: `${dbDir}${sep}` }));
const server = app.listen(port, '127.0.0.1', () => console.log(`store listening on 127.0.0.1:${port}`));
server.on('error', (err: NodeJS.ErrnoException) => {
  console.error(`store error: ${err.code ?? err.message}`);
  process.exit(1);
});
