import type { UseFormReturn } from 'react-hook-form';
import { describe, expectTypeOf, it } from 'vitest';
import type { ArrivalForm, ArrivalValues } from '../../src/ui/emergency/ArrivalFields';

/**
 * Checked by the typecheck (tsc over tests/), not at run time: the arrival fields take any form
 * that has their fields, uncast, and refuse one that lacks one or holds it as another type.
 */
describe('ArrivalFields takes a form by what it uses', () => {
  it('the arrival form and the unknown patient form, uncast; not a form missing a field or typing it otherwise', () => {
    expectTypeOf<UseFormReturn<ArrivalValues>>().toExtend<ArrivalForm>();
    expectTypeOf<UseFormReturn<ArrivalValues & { sex: string; years: string }>>().toExtend<ArrivalForm>();
    expectTypeOf<UseFormReturn<Omit<ArrivalValues, 'complaint'> & { sex: string }>>().not.toExtend<ArrivalForm>();
    expectTypeOf<UseFormReturn<Omit<ArrivalValues, 'isMlc'> & { isMlc: string }>>().not.toExtend<ArrivalForm>();
  });
});
