import { isAbsolute, resolve } from 'node:path';
import { splitCredentials, type BasicAuth } from '../central/credentials';
import { StartupError } from '../central/errors';

/** A bad environment variable; the message is one line naming the variable and what to do. */
export class ConfigError extends StartupError {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export type CentralConfig =
  | { kind: 'embedded'; port: number; adminPassword: string | null }
  | { kind: 'external'; url: string; auth: BasicAuth | null };

export interface ServerConfig {
  port: number;
  dataDir: string;
  dbName: string;
  skipBuild: boolean;
  central: CentralConfig;
  /** Other sites' origins that may call `/central/` from a browser (DD_CORS_ORIGINS); none by default. */
  corsOrigins: string[];
}

type Env = Record<string, string | undefined>;

// Stricter than CouchDB's own rule (no `$()+/`), so the name can go into a URL path unescaped.
const DB_NAME = /^[a-z][a-z0-9_-]{0,63}$/;
const MIN_PASSWORD = 8;

// An empty variable (`PORT=` in an env file) means "not set", as most shells and Docker treat it.
const value = (env: Env, name: string) => {
  const v = env[name]?.trim();
  return v ? v : undefined;
};

function port(raw: string, name: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535) {
    throw new ConfigError(`${name} must be a whole number from 1 to 65535 (got "${raw}").`);
  }
  return Number(raw);
}

function central(env: Env, appPort: number): CentralConfig {
  const url = value(env, 'DD_CENTRAL_URL');
  const storePort = value(env, 'DD_STORE_PORT');
  const password = env.DD_ADMIN_PASSWORD ? env.DD_ADMIN_PASSWORD : undefined;
  if (url === undefined) {
    const p = storePort === undefined ? appPort + 1 : port(storePort, 'DD_STORE_PORT');
    if (p > 65535) throw new ConfigError(`DD_STORE_PORT defaults to PORT+1 = ${p}, which is too high: set DD_STORE_PORT.`);
    if (p === appPort) throw new ConfigError(`DD_STORE_PORT and PORT are both ${p}: give the store its own port.`);
    if (password !== undefined && password.length < MIN_PASSWORD) {
      throw new ConfigError(`DD_ADMIN_PASSWORD must be at least ${MIN_PASSWORD} characters, or unset to have one generated.`);
    }
    return { kind: 'embedded', port: p, adminPassword: password ?? null };
  }
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError('DD_CENTRAL_URL is not a URL: use the form http://user:password@10.0.0.5:5984/.');
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError('DD_CENTRAL_URL must start with http:// or https://, e.g. http://user:password@10.0.0.5:5984/.');
  }
  // Silently ignoring these would leave someone wondering why their setting has no effect.
  const ignored = ['DD_STORE_PORT', 'DD_ADMIN_PASSWORD'].filter((n) => env[n]);
  if (ignored.length > 0) {
    throw new ConfigError(`${ignored.join(' and ')} only apply to the embedded store: unset ${ignored.length > 1 ? 'them' : 'it'} or unset DD_CENTRAL_URL.`);
  }
  return { kind: 'external', ...splitCredentials(parsed) };
}

function corsOrigins(env: Env): string[] {
  const raw = value(env, 'DD_CORS_ORIGINS');
  if (raw === undefined) return [];
  return raw.split(',').map((o) => o.trim()).filter(Boolean).map((origin) => {
    let url: URL | null = null;
    try {
      url = new URL(origin);
    } catch {
      // reported below
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.origin !== origin) {
      throw new ConfigError(`DD_CORS_ORIGINS takes origins separated by commas, e.g. https://desk.hospital.in (got "${origin}").`);
    }
    return origin;
  });
}

/** Read and check the environment once, at start-up; pure so that bad values are unit-tested. */
export function readConfig(env: Env, cwd: string): ServerConfig {
  const rawPort = value(env, 'PORT');
  const appPort = rawPort === undefined ? 8080 : port(rawPort, 'PORT');

  const dir = value(env, 'DD_DATA_DIR');
  const dataDir = dir === undefined ? resolve(cwd, 'data') : isAbsolute(dir) ? resolve(dir) : resolve(cwd, dir);

  const dbName = value(env, 'DD_DB_NAME') ?? 'downtime';
  if (!DB_NAME.test(dbName)) {
    throw new ConfigError(`DD_DB_NAME must start with a-z and hold only a-z, 0-9, _ and - (got "${dbName}").`);
  }

  const skip = value(env, 'DD_SKIP_BUILD');
  if (skip !== undefined && skip !== '0' && skip !== '1') {
    throw new ConfigError(`DD_SKIP_BUILD must be 1 (use the existing dist/) or 0 (got "${skip}").`);
  }

  return { port: appPort, dataDir, dbName, skipBuild: skip === '1', central: central(env, appPort), corsOrigins: corsOrigins(env) };
}
