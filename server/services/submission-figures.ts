// What a submission covers, as one document (issue "Sign-off and returns"): the figures a version freezes, whose
// SHA-256 digest every signature names. A plan covers its planned contributions, its schemes, its answers to the
// national conditions and its plan settings; a return covers what the return builder (server/services/returns.ts)
// reports. The document is built the same way for the page, the digest, the workbook and the PDF, so they agree.
import { createHash } from 'node:crypto';
import { listContributions } from '../../db/repositories/contribution.repository';
import { findPlanSettings, nhsMinimumSettingsOf, planSettingsOf } from '../../db/repositories/plan-settings.repository';
import { listSchemes, planLineOf } from '../../db/repositories/scheme.repository';
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { NotFoundError } from '../../shared/errors';
import type { SubmissionKind } from '../../shared/schema/submission';
import { listConditions } from './conditions';
import { buildReturnDocument, type ReturnDocument } from './returns';

/** A plan as its signatories sign it. */
export interface PlanDocument {
  kind: 'plan';
  fund: { id: number; name: string; financialYear: string; bcfYear: string };
  contributions: { orgId: number; source: string; quarter: number; plannedPence: number }[];
  schemes: Record<string, unknown>[];
  conditions: { code: string; answer: string | null; commentary: string }[];
  settings: Record<string, unknown>;
}

export type SubmissionDocument = PlanDocument | ReturnDocument;

export async function planDocument(db: DB | Tx, fundId: number): Promise<PlanDocument> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  const contributions = (await listContributions(db, fundId))
    .map((c) => ({ orgId: c.orgId, source: c.source, quarter: c.quarter, plannedPence: c.plannedPence }))
    .sort((a, b) => a.orgId - b.orgId || a.source.localeCompare(b.source) || a.quarter - b.quarter);
  const schemes = (await listSchemes(db, fundId)).map((s) => ({ ...planLineOf(s) }) as Record<string, unknown>);
  const conditions = (await listConditions(db, fundId)).map((c) => ({ code: c.code, answer: c.answer, commentary: c.commentary }));
  return {
    kind: 'plan',
    fund: { id: fundId, name: settings.name, financialYear: settings.financialYear, bcfYear: settings.bcfYear },
    contributions,
    schemes,
    conditions,
    settings: { ...planSettingsOf(settings), ...nhsMinimumSettingsOf(settings) },
  };
}

/** The document of a fund's submission of `kind`, from the figures as they are now. */
export function submissionDocument(db: DB | Tx, fundId: number, kind: SubmissionKind): Promise<SubmissionDocument> {
  return kind === 'plan' ? planDocument(db, fundId) : buildReturnDocument(db, fundId, kind);
}

/** JSON with object keys sorted, so the same figures always give the same text and digest. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** The SHA-256 of a document's canonical JSON, as 64 hexadecimal characters. */
export function digestOf(document: SubmissionDocument): string {
  return createHash('sha256').update(canonicalJson(document)).digest('hex');
}
