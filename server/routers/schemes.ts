// schemes.*: a fund's expenditure plan (issue "The BCF plan"): the whole plan as the Plan page reads it, the schemes
// with their spend by quarter, a batch of grid changes (all or nothing), and the fund's plan settings. Reading needs
// membership of the fund's partnership; schemes are changed by commissioners, finance officers and admins, the
// settings by commissioners and admins (the write path checks each row's partnership).
import { listSchemes } from '../../db/repositories/scheme.repository';
import { byFundInput, planSettingsUpdateInput, schemeBatchInput } from '../../shared/schemas';
import { planWorkbookImportInput } from '../../shared/plan-workbook';
import { importPlanWorkbook } from '../services/plan-workbook-import';
import { applySchemeBatch, getFundPlan, updatePlanSettings } from '../services/schemes';
import { asActor, ofFund, procedureFor, router } from '../trpc';

export const schemesRouter = router({
  plan: procedureFor('scheme', 'read', 'fund').input(byFundInput).query(ofFund(getFundPlan)),
  list: procedureFor('scheme', 'read', 'fund').input(byFundInput).query(ofFund(listSchemes)),
  applyBatch: procedureFor('scheme', 'change', 'fund').input(schemeBatchInput).mutation(asActor(applySchemeBatch)),
  /** A plan workbook (GET /export/funds/<id>/plan.xlsx, perhaps edited) read back: a dry run, or the plan replaced. */
  importWorkbook: procedureFor('scheme', 'change', 'fund').input(planWorkbookImportInput).mutation(asActor(importPlanWorkbook)),
  settings: router({
    update: procedureFor('fund_plan_settings', 'change', 'fund').input(planSettingsUpdateInput).mutation(asActor(updatePlanSettings)),
  }),
});
