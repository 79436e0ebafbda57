import * as z from 'zod/mini';

/** What zod's `preprocess` returns, as a zod/mini schema: a pipe whose input keys are optional as `schema`'s are. */
export interface ZodMiniPreprocess<B extends z.core.SomeType> extends z.ZodMiniPipe<z.core.$ZodTransform<unknown, unknown>, B>, z.core.$ZodPreprocess<B> {
  _zod: z.core.$ZodPreprocessInternals<B>;
  def: z.core.$ZodPreprocessDef<B>;
}

/**
 * `z.preprocess` of the full zod API, which zod/mini lacks: the same pipe (the function, then the
 * schema) and the same types. A plain `z.pipe(z.transform(fn), schema)` would type an object key
 * of an optional `schema` as required in the input, although it parses an absent key the same.
 */
export const preprocess = <B extends z.core.$ZodType>(fn: (value: unknown) => unknown, schema: B) =>
  z.pipe(z.transform(fn), schema) as unknown as ZodMiniPreprocess<B>;

/** An optional form field: empty form fields arrive as '' (or blanks) and mean "not given". */
export const blankAsAbsent = <S extends z.ZodMiniType>(schema: S) =>
  preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.optional(schema));
