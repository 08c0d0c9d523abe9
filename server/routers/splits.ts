// splits.*: modelling how a cost is split between partners. `allocate` is a pure calculation (shared/split.ts) that
// anyone signed in may run: it reads and writes nothing.
import { allocate } from '../../shared/split';
import { splitAllocateInput } from '../../shared/split-schemas';
import { authedProcedure, router } from '../trpc';

export const splitsRouter = router({
  allocate: authedProcedure.input(splitAllocateInput).query(({ input }) => allocate(input)),
});
