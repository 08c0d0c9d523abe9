// outcomes.*: a fund's baseline, target and actual per metric, scheme and quarter (issue 7). Members read them;
// commissioners and finance officers of the partnership (and admins) change them, in audited batches.
import { outcomesBatchInput } from '../../shared/outcome-schemas';
import { byFundInput } from '../../shared/schemas';
import { applyOutcomeBatch, fundOutcomes } from '../services/outcomes';
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const outcomesRouter = router({
  list: procedureFor('outcome', 'read', 'fund').input(byFundInput).query(ofFund(fundOutcomes)),
  applyBatch: procedureFor('outcome', 'change', 'fund').input(outcomesBatchInput).mutation(asActor(applyOutcomeBatch)),
});
