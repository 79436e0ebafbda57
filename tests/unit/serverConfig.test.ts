import { describe, it, expect } from 'vitest';
import { ConfigError, readConfig } from '../../src/server/config';

const CWD = '/srv/downtime';
const read = (env: Record<string, string | undefined>) => readConfig(env, CWD);

describe('readConfig', () => {
  it('has defaults that start everything on one machine', () => {
    expect(read({})).toEqual({
      port: 8080,
      dataDir: '/srv/downtime/data',
      dbName: 'downtime',
      skipBuild: false,
      central: { kind: 'embedded', port: 8081, adminPassword: null },
      corsOrigins: [],
    });
  });

  it('reads every variable', () => {
    expect(read({ PORT: '9000', DD_STORE_PORT: '5984', DD_DATA_DIR: 'store', DD_ADMIN_PASSWORD: 'long enough', DD_DB_NAME: 'dd_test-2', DD_SKIP_BUILD: '1', DD_CORS_ORIGINS: 'https://desk.hospital.in, http://10.0.0.7:8080' }))
      .toEqual({ port: 9000, dataDir: '/srv/downtime/store', dbName: 'dd_test-2', skipBuild: true, central: { kind: 'embedded', port: 5984, adminPassword: 'long enough' }, corsOrigins: ['https://desk.hospital.in', 'http://10.0.0.7:8080'] });
    expect(read({ DD_DATA_DIR: '/var/lib/dd/' }).dataDir).toBe('/var/lib/dd');
    expect(read({ DD_SKIP_BUILD: '0' }).skipBuild).toBe(false);
  });

  it('takes only whole origins in DD_CORS_ORIGINS', () => {
    for (const bad of ['*', 'desk.hospital.in', 'https://desk.hospital.in/', 'https://desk.hospital.in/app', 'ftp://x.in']) {
      expect(() => read({ DD_CORS_ORIGINS: bad }), bad).toThrow(/DD_CORS_ORIGINS takes origins/);
    }
  });

  it('treats empty variables as unset', () => {
    expect(read({ PORT: '', DD_STORE_PORT: ' ', DD_DB_NAME: '', DD_CENTRAL_URL: '', DD_ADMIN_PASSWORD: '' })).toEqual(read({}));
  });

  it('splits the credentials out of DD_CENTRAL_URL', () => {
    expect(read({ DD_CENTRAL_URL: 'http://dd%40admin:p%3Ass@10.0.0.5:5984' }).central).toEqual({
      kind: 'external', url: 'http://10.0.0.5:5984/', auth: { username: 'dd@admin', password: 'p:ss' },
    });
    expect(read({ DD_CENTRAL_URL: 'https://couch.hospital.example/db-proxy' }).central)
      .toEqual({ kind: 'external', url: 'https://couch.hospital.example/db-proxy/', auth: null });
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT must be a whole number from 1 to 65535 (got "eighty").'],
    [{ PORT: '0' }, 'PORT must be a whole number from 1 to 65535 (got "0").'],
    [{ PORT: '65536' }, 'PORT must be a whole number from 1 to 65535 (got "65536").'],
    [{ PORT: '80.5' }, 'PORT must be a whole number from 1 to 65535 (got "80.5").'],
    [{ PORT: '-1' }, 'PORT must be a whole number from 1 to 65535 (got "-1").'],
    [{ PORT: '1e3' }, 'PORT must be a whole number from 1 to 65535 (got "1e3").'],
    [{ DD_STORE_PORT: '99999' }, 'DD_STORE_PORT must be a whole number from 1 to 65535 (got "99999").'],
    [{ PORT: '65535' }, 'DD_STORE_PORT defaults to PORT+1 = 65536, which is too high: set DD_STORE_PORT.'],
    [{ PORT: '5000', DD_STORE_PORT: '5000' }, 'DD_STORE_PORT and PORT are both 5000: give the store its own port.'],
    [{ DD_CENTRAL_URL: 'ftp://10.0.0.5/' }, 'DD_CENTRAL_URL must start with http:// or https://, e.g. http://user:password@10.0.0.5:5984/.'],
    [{ DD_CENTRAL_URL: 'localhost:5984' }, 'DD_CENTRAL_URL must start with http:// or https://, e.g. http://user:password@10.0.0.5:5984/.'],
    [{ DD_CENTRAL_URL: '10.0.0.5:5984' }, 'DD_CENTRAL_URL is not a URL: use the form http://user:password@10.0.0.5:5984/.'],
    [{ DD_CENTRAL_URL: 'not a url' }, 'DD_CENTRAL_URL is not a URL: use the form http://user:password@10.0.0.5:5984/.'],
    [{ DD_CENTRAL_URL: 'http://h:5984/', DD_STORE_PORT: '5985' }, 'DD_STORE_PORT only apply to the embedded store: unset it or unset DD_CENTRAL_URL.'],
    [{ DD_ADMIN_PASSWORD: 'short' }, 'DD_ADMIN_PASSWORD must be at least 8 characters, or unset to have one generated.'],
    [{ DD_DB_NAME: 'Downtime' }, 'DD_DB_NAME must start with a-z and hold only a-z, 0-9, _ and - (got "Downtime").'],
    [{ DD_DB_NAME: 'a/b' }, 'DD_DB_NAME must start with a-z and hold only a-z, 0-9, _ and - (got "a/b").'],
    [{ DD_SKIP_BUILD: 'yes' }, 'DD_SKIP_BUILD must be 1 (use the existing dist/) or 0 (got "yes").'],
  ])('refuses %o with one clear line', (env, message) => {
    expect(() => read(env)).toThrow(new ConfigError(message));
  });

  it('never repeats the password of a bad DD_CENTRAL_URL', () => {
    expect(() => read({ DD_CENTRAL_URL: 'ftp://admin:hunter22@10.0.0.5/' })).toThrow(/^(?!.*hunter22)/);
  });

  it('throws ConfigError, a one-line message', () => {
    try {
      read({ PORT: 'x' });
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      expect((err as Error).message).not.toContain('\n');
    }
  });
});
