// Every audited table by its entity name, so undo can restore any of them from their audit events.
import { bcfYearTable, conditionAnswerTable, fundingStreamTable, yearMappingTable } from './repositories/bcf-year.repository';
import { commentTable, commentThreadTable } from './repositories/comment.repository';
import { contributionTable } from './repositories/contribution.repository';
import { fundTable } from './repositories/fund.repository';
import { organisationTable } from './repositories/organisation.repository';
import { partnershipTable } from './repositories/partnership.repository';
import { planSettingsTable } from './repositories/plan-settings.repository';
import { referenceItemTable } from './repositories/reference.repository';
import { metricTable, outcomeTable } from './repositories/outcome.repository';
import { riskShareTable } from './repositories/risk-share.repository';
import { benefitTable, evidenceTable, unitCostTable } from './repositories/roi.repository';
import { scenarioItemTable, scenarioTable } from './repositories/scenario.repository';
import { schemeTable } from './repositories/scheme.repository';
import { snapshotTable } from './repositories/snapshot.repository';
import { splitRuleTable } from './repositories/split-rule.repository';
import { deadlineTable, returnAnswerTable, signatoryTable, signatureTable, submissionTable } from './repositories/submission.repository';
import type { AuditedTable, VersionedRow } from './unit-of-work';

// Each table keeps its own Values type; undo only moves values it read from that same table's audit events.
type AnyAuditedTable = AuditedTable<VersionedRow, Record<string, unknown>>;

export const AUDITED_TABLES: Record<string, AnyAuditedTable> = {
  contribution: contributionTable as unknown as AnyAuditedTable,
  fund: fundTable as unknown as AnyAuditedTable,
  organisation: organisationTable as unknown as AnyAuditedTable,
  partnership: partnershipTable as unknown as AnyAuditedTable,
  scheme: schemeTable as unknown as AnyAuditedTable,
  fund_plan_settings: planSettingsTable as unknown as AnyAuditedTable,
  reference_item: referenceItemTable as unknown as AnyAuditedTable,
  plan_snapshot: snapshotTable as unknown as AnyAuditedTable,
  split_rule: splitRuleTable as unknown as AnyAuditedTable,
  fund_risk_share: riskShareTable as unknown as AnyAuditedTable,
  scenario: scenarioTable as unknown as AnyAuditedTable,
  scenario_item: scenarioItemTable as unknown as AnyAuditedTable,
  metric: metricTable as unknown as AnyAuditedTable,
  outcome: outcomeTable as unknown as AnyAuditedTable,
  unit_cost: unitCostTable as unknown as AnyAuditedTable,
  evidence_item: evidenceTable as unknown as AnyAuditedTable,
  roi_benefit: benefitTable as unknown as AnyAuditedTable,
  bcf_year: bcfYearTable as unknown as AnyAuditedTable,
  funding_stream: fundingStreamTable as unknown as AnyAuditedTable,
  year_mapping: yearMappingTable as unknown as AnyAuditedTable,
  condition_answer: conditionAnswerTable as unknown as AnyAuditedTable,
  submission: submissionTable as unknown as AnyAuditedTable,
  signatory: signatoryTable as unknown as AnyAuditedTable,
  signature: signatureTable as unknown as AnyAuditedTable,
  return_answer: returnAnswerTable as unknown as AnyAuditedTable,
  bcf_deadline: deadlineTable as unknown as AnyAuditedTable,
  comment_thread: commentThreadTable as unknown as AnyAuditedTable,
  comment: commentTable as unknown as AnyAuditedTable,
};
