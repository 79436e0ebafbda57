import { readConfig, type ServerConfig } from '../server/config';
import { reportLine } from '../domain/events/chain';
import { ADMIN_NAME, passwordFile, readSavedPassword } from './adminPassword';
import { startEmbeddedStore } from './embeddedStore';
import { StartupError } from './errors';
import { setupCentral, type SetupTarget } from './setup';
import { addDevice } from './devices';
import { declareAllClear } from './allClear';
import { centralStatus } from './status';
import { verifyCentral } from './verifyCentral';
import { replaceDeviceKey } from './deviceKeys';
import { runningStorePort } from './storeAddress';
import { exportCommand } from './export/exportCommand';
import { useNodeSha256 } from '../server/nativeHash';
import { createBackupKey, readBackupKey } from './backupKey';
import { importBundle } from './importBundle';
import { BundleRefusal } from '../domain/backup/refusal';

const USAGE = `Usage: npm run central -- <command>
  start              run the embedded central store in the foreground; Ctrl-C stops it
  setup              create or update the database, design document and security of the central store
  add-device CODE [--reader]
                     create the central account of device CODE and print its credentials once;
                     --reader: the administrator's device, which may also pull every device's events
  all-clear --by NAME  declare the network clean: devices may send from now on
  replace-device-key CODE --by NAME
                     forget the key registered for CODE (a replaced tablet), keeping a record of
                     it: the next tablet to open its gate with CODE registers its own (a tablet
                     restored from the lost one's bundle with a current key file needs no such step)
  backup-key --hospital NAME --out FILE
                     make the hospital's backup key pair: the private half into FILE (keep it off
                     the server, e.g. on a USB stick in the safe: only it opens backup bundles,
                     and it signs a replacement tablet's takeover of a lost one's code), the
                     public half into the central store and printed, to enter on each tablet
  import BUNDLE --key FILE [--trust-key FINGERPRINT]
                     check a tablet's backup bundle (seal, signature, chain, push rules) and store
                     its events; nothing is stored when it is refused. --trust-key: the device
                     never registered its key (fingerprint from its "This device" screen)
  status             events per device, last event, last verified sync
  verify             walk every device's hash chain; exits 1 when any chain is broken
  export --format fhir|ndjson|csv [--since EXPORT_ID] [--out DIR] [--systems FILE]
                     write every record for the HIS (FHIR R4 transaction bundles, NDJSON per
                     resource type or CSV per record type) and an export report; --since: only
                     what changed after that earlier export; --systems: a JSON file of identifier
                     systems (see docs/architecture.md)
Against DD_CENTRAL_URL (with an admin's name and password in it), or the embedded store with its
saved admin password.`;

const COMMANDS = ['start', 'setup', 'add-device', 'all-clear', 'replace-device-key', 'backup-key', 'import', 'status', 'verify', 'export'] as const;

const option = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function setupTarget(config: ServerConfig): SetupTarget {
  const { central, dbName: db } = config;
  if (central.kind === 'external') return { url: central.url, db, auth: central.auth };
  const password = central.adminPassword ?? readSavedPassword(config.dataDir);
  if (password === null) {
    throw new StartupError(`No admin password in ${passwordFile(config.dataDir)}: run "npm run central -- start" once, or set DD_ADMIN_PASSWORD.`);
  }
  // Without PORT or DD_STORE_PORT here, the store `npm start` runs on this data folder is the one meant.
  const port = process.env.PORT || process.env.DD_STORE_PORT ? central.port : (runningStorePort(config.dataDir) ?? central.port);
  return { url: `http://127.0.0.1:${port}/`, db, auth: { username: ADMIN_NAME, password } };
}

async function start(config: ServerConfig) {
  if (config.central.kind === 'external') {
    throw new StartupError('DD_CENTRAL_URL is set, so there is no embedded store to start: unset it to use the embedded one.');
  }
  const store = await startEmbeddedStore({ port: config.central.port, dataDir: config.dataDir, adminPassword: config.central.adminPassword });
  console.log(`Central store running at ${store.url} (data in ${config.dataDir}); Ctrl-C stops it.`);
  const stop = () => void store.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const how = await store.crashed;
  throw new StartupError(`The embedded store stopped unexpectedly (${how}): see ${config.dataDir}/log.txt.`);
}

async function setup(config: ServerConfig) {
  const target = setupTarget(config);
  const result = await setupCentral(target);
  console.log(`Central store ${target.url}${target.db}: database ${result.database}, design document ${result.designDoc}, security ${result.security}.`);
}

async function run(command: (typeof COMMANDS)[number], config: ServerConfig, args: string[]): Promise<number> {
  switch (command) {
    case 'start':
      await start(config);
      return 0;
    case 'setup':
      await setup(config);
      return 0;
    case 'add-device': {
      const target = setupTarget(config);
      const code = (args[0] ?? '').toUpperCase();
      const reader = args.includes('--reader');
      const account = await addDevice({ url: target.url, auth: target.auth }, code, { reader });
      console.log(`Device ${code}: central account "${account.username}"${reader ? ' (reader: may pull every device)' : ''}, password ${account.password}`);
      console.log('Enter these on the device (Resync) when the network has been declared clean. They are not shown again.');
      return 0;
    }
    case 'all-clear': {
      const i = args.indexOf('--by');
      const marker = await declareAllClear(setupTarget(config), i >= 0 ? (args[i + 1] ?? '') : '');
      console.log(`All-clear declared by ${marker.by} at ${marker.at}: devices whose gate is open may now resync.`);
      return 0;
    }
    case 'replace-device-key': {
      const code = (args[0] ?? '').toUpperCase();
      const i = args.indexOf('--by');
      const { replaced } = await replaceDeviceKey(setupTarget(config), code, i >= 0 ? (args[i + 1] ?? '') : '');
      console.log(replaced ? `The key of device ${code} was replaced (the old one is kept in a record): the next tablet to open its gate with ${code} registers its own.` : `Device ${code} has no registered key: nothing to replace.`);
      return 0;
    }
    case 'backup-key': {
      const out = option(args, '--out');
      if (!out) throw new StartupError('backup-key needs --out FILE: where to write the private half (then move it off the server).');
      const made = await createBackupKey(setupTarget(config), option(args, '--hospital') ?? '', out);
      console.log(`Backup key ${made.keyId} made. Its private half is in ${out} (readable only by you): keep it off this server, e.g. on a USB stick in the safe, with a copy elsewhere. Without it no backup bundle can be opened, and no replacement tablet can take over a lost one's code.`);
      console.log('Enter this public key on each tablet ("This device", Backup key); tablets whose gate opens fetch it themselves:');
      console.log(made.text);
      return 0;
    }
    case 'import': {
      const path = args[0];
      const keyPath = option(args, '--key') ?? process.env.DD_BACKUP_KEY;
      if (!path || path.startsWith('--') || !keyPath) throw new StartupError('import needs a bundle file and --key FILE (the backup key\'s private half), e.g. npm run central -- import K7.ddbundle --key /media/usb/backup-key.json');
      try {
        const r = await importBundle(setupTarget(config), path, readBackupKey(keyPath), { trustKey: option(args, '--trust-key') });
        const range = `events ${r.header.from}–${r.header.to} of device ${r.header.device}`;
        console.log(r.added === 0 ? `Nothing new: the central store already holds ${range}.` : `Imported ${range}: ${r.added} stored, ${r.held} already held.`);
        return 0;
      } catch (err) {
        if (!(err instanceof BundleRefusal)) throw err;
        console.error(`Refused (${err.code}): ${err.message}. Nothing was stored.`);
        return 1;
      }
    }
    case 'status': {
      const rows = await centralStatus(setupTarget(config));
      if (rows.length === 0) console.log('No events in the central store yet.');
      for (const r of rows) console.log(`${r.device.padEnd(4)} ${String(r.lastSeq).padStart(8)} events  last event ${r.lastEventAt ?? '—'}  last verified sync ${r.syncedAt ?? 'never'}`);
      return 0;
    }
    case 'export':
      return exportCommand(setupTarget(config), args);
    case 'verify': {
      const reports = await verifyCentral(setupTarget(config));
      if (reports.length === 0) console.log('No events in the central store yet.');
      for (const r of reports) console.log(reportLine(r));
      return reports.every((r) => r.ok) ? 0 : 1;
    }
  }
}

async function main(command: string | undefined) {
  useNodeSha256();
  if (!COMMANDS.includes(command as never)) {
    console.error(USAGE);
    process.exit(2);
  }
  try {
    const config = readConfig(process.env, process.cwd());
    process.exitCode = await run(command as (typeof COMMANDS)[number], config, process.argv.slice(3));
  } catch (err) {
    if (!(err instanceof StartupError)) throw err;
    console.error(err.message);
    process.exit(1);
  }
}

void main(process.argv[2]);
