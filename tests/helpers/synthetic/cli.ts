/**
 * Synthetic patients for demos, load tests and benchmarks, as JSON on stdout:
 *   npx tsx tests/helpers/synthetic/cli.ts --seed 42 --patients 1000 [--departments MED,PED,OBG] > out.json
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DEPARTMENTS } from '../../../src/domain/device';
import { AS_OF, generatePatients, generateVisits } from './generate';

const USAGE = 'usage: tsx tests/helpers/synthetic/cli.ts --seed <integer> --patients <count> [--departments MED,PED,...]';

function wholeNumber(value: string | undefined, name: string, min: number): number {
  const n = Number(value);
  if (value === undefined || !Number.isSafeInteger(n) || n < min) throw new Error(`--${name} must be a whole number of at least ${min}`);
  return n;
}

try {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      patients: { type: 'string' },
      departments: { type: 'string', default: DEFAULT_DEPARTMENTS.map((d) => d.code).join(',') },
    },
    strict: true,
  });
  const seed = wholeNumber(values.seed, 'seed', 0);
  const count = wholeNumber(values.patients, 'patients', 1);
  const departments = values.departments.split(',').map((d) => d.trim()).filter(Boolean);
  const patients = generatePatients(seed, count);
  const visits = generateVisits(seed, count, departments);
  process.stdout.write(`${JSON.stringify({ seed, asOf: AS_OF, patients, visits }, null, 2)}\n`);
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
  process.exitCode = 2;
}
