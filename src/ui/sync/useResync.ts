import { Resync } from '../../sync/resync';
import { useDesk } from '../services';
import { perDesk } from '../useCases';

/*
 * Apart from useCases.ts so that the registration desk, which imports that, does not carry the
 * resync client (issue 15: the clerk's path); only the administrator's resync screens load this.
 */

// Resync keeps the run's progress and its listeners: every screen must see the same one.
const resyncOf = perDesk((d) => new Resync(d));

export const useResync = (): Resync => resyncOf(useDesk());
