// riskshare.*: a fund's Section 75 risk share (issue 6, item 4). Anyone who can see the fund reads its configuration
// and statement; commissioners of its partnership and admins change the configuration (the write path checks the row).
import { byFundInput } from '../../shared/schemas';
import { riskShareStatementInput, riskShareUpdateInput } from '../../shared/risk-share-schemas';
import { getRiskShare, statement, updateRiskShare } from '../services/risk-share';
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const riskshareRouter = router({
  get: procedureFor('fund_risk_share', 'read', 'fund').input(byFundInput).query(ofFund(getRiskShare)),
  update: procedureFor('fund_risk_share', 'change', 'fund').input(riskShareUpdateInput).mutation(asActor(updateRiskShare)),
  statement: procedureFor('fund_risk_share', 'read', 'fund')
    .input(riskShareStatementInput)
    .query(({ ctx, input }) => statement(ctx.db, input.fundId, input.basis)),
});
