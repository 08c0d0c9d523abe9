// The plan settings of a fund (its BCF year, ring-fence minimums and variance thresholds): columns of the fund row,
// audited as their own entity 'fund_plan_settings' (id = the fund's id) so that changing them never rewrites the
// fund's own audited fields, and undo restores them like any other row. They share the fund row's version. They
// include the typed inputs of the NHS minimum to adult social care (baseline, override and its reason).
import type { PlanSettings } from '../../shared/plan-types';
import { PLAN_SETTINGS_LABELS, type NhsMinimumSettings } from '../../shared/schemas';
import type { DB } from '../connection';
import type { AuditedTable, Tx } from '../unit-of-work';
import { auditedTable, keptInFundRow } from './row-writes';

export interface FundPlanSettingsRow extends PlanSettings, NhsMinimumSettings {
  id: number;
  fundId: number;
  partnershipId: number;
  name: string;
  financialYear: string;
  /** The BCF year whose streams and reference lists the fund uses (stored on the fund; read only here). */
  bcfYear: string;
  version: number;
}

export async function findPlanSettings(db: DB | Tx, fundId: number): Promise<FundPlanSettingsRow | undefined> {
  const row = await db
    .selectFrom('fund')
    .select([
      'id',
      'partnershipId',
      'name',
      'financialYear',
      'bcfYear',
      'minNhsToSocialCarePence',
      'minOutOfHospitalPence',
      'amberThresholdBp',
      'redThresholdBp',
      'nhsAscBaselinePence',
      'nhsAscOverridePence',
      'nhsAscOverrideReason',
      'version',
    ])
    .where('id', '=', fundId)
    .executeTakeFirst();
  return row ? { ...row, fundId: row.id } : undefined;
}

/** The settings alone, as the API returns them. */
export function planSettingsOf({
  minNhsToSocialCarePence,
  minOutOfHospitalPence,
  amberThresholdBp,
  redThresholdBp,
}: PlanSettings): PlanSettings {
  return { minNhsToSocialCarePence, minOutOfHospitalPence, amberThresholdBp, redThresholdBp };
}

/** The typed inputs of the NHS minimum to adult social care alone. */
export function nhsMinimumSettingsOf({
  nhsAscBaselinePence,
  nhsAscOverridePence,
  nhsAscOverrideReason,
}: NhsMinimumSettings): NhsMinimumSettings {
  return { nhsAscBaselinePence, nhsAscOverridePence, nhsAscOverrideReason };
}

/** The funds of a partnership in one financial year (the previous year's fund a baseline is read from), by id. */
export async function listFundsOfYear(
  db: DB | Tx,
  partnershipId: number,
  financialYear: string,
): Promise<{ id: number; name: string; financialYear: string }[]> {
  return db
    .selectFrom('fund')
    .select(['id', 'name', 'financialYear'])
    .where('partnershipId', '=', partnershipId)
    .where('financialYear', '=', financialYear)
    .orderBy('id')
    .execute();
}

/** The audited values of a fund's plan settings, with the fund they belong to: the write path's row-level rules judge
 * a row by its fund's partnership, and a row without its fund would be refused (fundId is not itself an edited field). */
export type PlanSettingsValues = PlanSettings & NhsMinimumSettings & { fundId: number };

// The settings exist as long as their fund does: they are only ever updated (and undo only updates them back).
export const planSettingsTable: AuditedTable<FundPlanSettingsRow, PlanSettingsValues> = {
  ...auditedTable<FundPlanSettingsRow, PlanSettingsValues>({
    table: 'fund',
    entity: 'fund_plan_settings',
    noun: 'fund’s plan settings',
    fieldLabels: PLAN_SETTINGS_LABELS,
    fields: [
      'minNhsToSocialCarePence',
      'minOutOfHospitalPence',
      'amberThresholdBp',
      'redThresholdBp',
      'nhsAscBaselinePence',
      'nhsAscOverridePence',
      'nhsAscOverrideReason',
    ],
    fundIdOf: (row) => row.fundId,
    find: findPlanSettings,
    stamps: 'none',
    pick: (row) => ({ ...planSettingsOf(row), ...nhsMinimumSettingsOf(row), fundId: row.fundId }),
    // The fund is audited with the settings for the row-level rules, never written: it is the row's own id.
    toColumns: ({ fundId: _fundId, ...columns }) => columns,
  }),
  ...keptInFundRow({ created: 'plan settings are created with their fund', removed: 'plan settings are removed with their fund' }),
};
