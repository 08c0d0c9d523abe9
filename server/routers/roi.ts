// roi.*: each scheme's benefit lines and the appraisal of a fund's schemes (issue 7). Members read; commissioners of
// the partnership and admins change the benefit lines.
import { listBenefits } from '../../db/repositories/roi.repository';
import { benefitsBatchInput } from '../../shared/outcome-schemas';
import { byFundInput, byPartnershipInput } from '../../shared/schemas';
import { fundSavedPerPound, investsVsBenefits } from '../../shared/scheme-return';
import { appraiseFund, appraisePartnership, applyBenefitBatch } from '../services/roi';
import { asActor, ofFund, ofPartnership, procedureFor, router } from '../trpc';

export const roiRouter = router({
  benefits: router({
    list: procedureFor('roi_benefit', 'read', 'fund').input(byFundInput).query(ofFund(listBenefits)),
    applyBatch: procedureFor('roi_benefit', 'change', 'fund').input(benefitsBatchInput).mutation(asActor(applyBenefitBatch)),
  }),
  /** Every appraised scheme of the fund: its summary and the full appraisal (years, parties, waterfall). */
  fund: procedureFor('roi_benefit', 'read', 'fund')
    .input(byFundInput)
    .query(async ({ ctx, input }) => {
      const appraisal = await appraiseFund(ctx.db, input.fundId);
      return {
        savedPerPoundBp: fundSavedPerPound(appraisal.schemes),
        investsVsBenefits: investsVsBenefits(appraisal.schemes, appraisal.members),
        schemes: appraisal.schemes.map((s) => ({ summary: s.summary, result: s.result })),
      };
    }),
  /** Every fund of the partnership: each one's savings per £1 and its schemes', and the partnership's as a whole. */
  partnership: procedureFor('roi_benefit', 'read', 'partnership').input(byPartnershipInput).query(ofPartnership(appraisePartnership)),
});
