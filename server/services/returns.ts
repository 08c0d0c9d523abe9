// The return builder (issue "Sign-off and returns", item 4): what a quarterly return (Q1 to Q3) or the year-end return
// of a fund reports. A quarterly return: the national conditions still met (Yes/No and commentary), each metric's
// derived status with its challenges, support needed and achievements, and spend against the planned profile to the
// end of the quarter by scheme and by stream. The year end: actual income and expenditure by scheme and by stream.
import { listSchemes } from '../../db/repositories/scheme.repository';
import { findPlanSettings } from '../../db/repositories/plan-settings.repository';
import type { DB } from '../../db/connection';
import type { Tx } from '../../db/unit-of-work';
import { NotFoundError } from '../../shared/errors';
import type { SubmissionKind } from '../../shared/schema/submission';
import { quartersOf } from '../../shared/submission';

export interface SpendLine {
  /** The scheme's ID or the stream's code. */
  code: string;
  name: string;
  plannedToDatePence: number;
  actualToDatePence: number;
  /** Actual minus planned: negative is an underspend. */
  variancePence: number;
}

export interface ReturnDocument {
  kind: Exclude<SubmissionKind, 'plan'>;
  fund: { id: number; name: string; financialYear: string; bcfYear: string };
  /** The quarters reported to date: [1, 2] for Q2, [1, 2, 3, 4] for the year end. */
  quarters: number[];
  spendByScheme: SpendLine[];
  spendByStream: SpendLine[];
}

export async function buildReturnDocument(db: DB | Tx, fundId: number, kind: Exclude<SubmissionKind, 'plan'>): Promise<ReturnDocument> {
  const settings = await findPlanSettings(db, fundId);
  if (!settings) throw new NotFoundError(`No fund with id ${fundId}`);
  const last = Math.max(...quartersOf(kind));
  const quarters = [1, 2, 3, 4].filter((q) => q <= last);
  const schemes = await listSchemes(db, fundId);
  const line = (code: string, name: string, planned: number, actual: number): SpendLine => ({
    code,
    name,
    plannedToDatePence: planned,
    actualToDatePence: actual,
    variancePence: actual - planned,
  });
  const toDate = (spend: { quarter: number; plannedPence: number; actualPence: number }[]): [number, number] => {
    const reported = spend.filter((s) => quarters.includes(s.quarter));
    return [reported.reduce((t, s) => t + s.plannedPence, 0), reported.reduce((t, s) => t + s.actualPence, 0)];
  };
  const spendByScheme = schemes.map((s) => {
    const [planned, actual] = toDate(s.spend);
    return line(s.code, s.name, planned, actual);
  });
  const byStream = new Map<string, [number, number]>();
  for (const s of schemes) {
    const [planned, actual] = toDate(s.spend);
    const key = s.fundingSource ?? '';
    const t = byStream.get(key) ?? [0, 0];
    byStream.set(key, [t[0] + planned, t[1] + actual]);
  }
  const spendByStream = [...byStream].map(([code, [planned, actual]]) => line(code, code || 'No funding stream', planned, actual));
  return {
    kind,
    fund: { id: fundId, name: settings.name, financialYear: settings.financialYear, bcfYear: settings.bcfYear },
    quarters,
    spendByScheme,
    spendByStream,
  };
}
