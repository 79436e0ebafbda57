import { describe, it, expect } from 'vitest';
import { centralProxy, isAllowedCentralPath } from '../../src/server/centralProxy';

describe('central proxy', () => {
  it.each(['/central', '/central/', '/central?x=1', '/central/_session', '/central/downtime',
    '/central/downtime/_changes?since=0', '/central/downtime/ev:K7:0000000001'])('forwards %s', (path) => {
    expect(isAllowedCentralPath(path, 'downtime')).toBe(true);
  });

  // A PUT of an unknown database crashes pouchdb-server 4.2; nothing but the app's database is needed.
  it.each(['/central/_config/admins', '/central/_all_dbs', '/central/newdb', '/central/downtimex',
    '/central/_users/org.couchdb.user:x', '/central/_session/x'])('answers 404 for %s', (path) => {
    expect(isAllowedCentralPath(path, 'downtime')).toBe(false);
  });

  it('strips the prefix and keeps the query', () => {
    const options = Object.values(centralProxy('http://127.0.0.1:8081/', 'downtime'))[0]!;
    expect(options.rewrite?.('/central/downtime/_changes?since=0')).toBe('/downtime/_changes?since=0');
    expect(options.rewrite?.('/central')).toBe('/');
    expect(options.rewrite?.('/central?x=1')).toBe('/?x=1');
  });
});
