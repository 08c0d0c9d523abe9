// A fund's NHS minimum contribution to adult social care by its BCF year's rule (shared/nhs-minimum.ts), read from the
// database: the year's uplift, the previous year's fund and its own requirement, and the fund's typed baseline and
// override. The plan (schemes.plan) carries the result, so the checklist, the settings form and the workbook agree.
import { listBcfYears } from '../../db/repositories/bcf-year.repository';
import { findPlanSettings, listFundsOfYear, type FundPlanSettingsRow } from '../../db/repositories/plan-settings.repository';
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { previousFinancialYear } from '../../shared/financial-year';
import { nhsMinimumWorking, type NhsMinimumWorking } from '../../shared/nhs-minimum';
import type { BcfYear } from '../../shared/schema/bcf-year';

/** How many years back a chain of baselines is followed (2025/26 from 2024/25 from ...); far more than any plan holds,
 * and a bound so a long history never turns one plan read into hundreds of queries. */
const MAX_CHAIN = 20;

/**
 * The previous year's fund a baseline is read from: the partnership's fund of the financial year before this fund's
 * (for a fund in the first year of its BCF year, the latest financial year of the previous BCF year, as
 * previousBcfYear gives it; for a 2026/27 fund still on 2025/26's lists, the 2025/26 fund), the one with the same name,
 * else the only one. Two or more, none of the same name: none (the fund types its baseline).
 */
async function previousFund(db: DB | Tx, fund: FundPlanSettingsRow): Promise<{ id: number; name: string; financialYear: string } | null> {
  const funds = await listFundsOfYear(db, fund.partnershipId, previousFinancialYear(fund.financialYear));
  return funds.find((f) => f.name === fund.name) ?? (funds.length === 1 ? (funds[0] ?? null) : null);
}

async function workingOf(db: DB | Tx, fund: FundPlanSettingsRow, years: readonly BcfYear[], depth: number): Promise<NhsMinimumWorking> {
  const upliftBp = years.find((y) => y.code === fund.bcfYear)?.nhsAscUpliftBp ?? null;
  let previous: Parameters<typeof nhsMinimumWorking>[0]['previous'] = null;
  if (upliftBp !== null && depth < MAX_CHAIN) {
    const found = await previousFund(db, fund);
    const settings = found ? await findPlanSettings(db, found.id) : undefined;
    if (found && settings) {
      const own = await workingOf(db, settings, years, depth + 1);
      previous = { fundId: found.id, name: found.name, financialYear: found.financialYear, requiredPence: own.requiredPence };
    }
  }
  return nhsMinimumWorking({
    baselineYear: previousFinancialYear(fund.financialYear),
    upliftBp,
    typedMinimumPence: fund.minNhsToSocialCarePence,
    previous,
    typedBaselinePence: fund.nhsAscBaselinePence,
    overridePence: fund.nhsAscOverridePence,
    overrideReason: fund.nhsAscOverrideReason,
  });
}

/** The fund's requirement with its working (its plan settings row as findPlanSettings reads it). */
export async function nhsMinimumOf(db: DB | Tx, fund: FundPlanSettingsRow): Promise<NhsMinimumWorking> {
  return workingOf(db, fund, await listBcfYears(db), 0);
}
