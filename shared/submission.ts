// The rules of sign-off (issue "Sign-off and returns"), pure so the server and the grids share them:
// - who must sign a submission (requiredSlots);
// - what a fund's approved or submitted submissions lock (locksOf), and whether a write touches a locked figure
//   (lockedFieldOf), which the write path's rule (db/unit-of-work/write-rules.ts) and the grids' read-only cells ask.
import { formatLongDate } from './dates';
import type { Capacity, FundLock, SubmissionKind, SubmissionStatus } from './schema/submission';
import { SUBMISSION_KIND_LABELS } from './schema/submission';

/** The statuses in which a submission's figures are locked: from the board's approval on. The issue asks a submitted
 * plan and an approved quarterly return to lock; a plan is locked from its approval too, since the board approved
 * exactly those figures (a change after it needs an administrator to reopen, and new signatures). */
export const LOCKING_STATUSES: readonly SubmissionStatus[] = ['approved', 'submitted'];

export interface SignatureSlot {
  capacity: Capacity;
  orgId: number | null;
}

/**
 * The signatures a submission needs before the board may approve it:
 * - a plan: the chief executive of every partner paying into the fund (the council and each ICB; domain.md: it cannot
 *   be delegated), and the section 151 officer of the host (the council that holds the pooled fund);
 * - a quarterly or year-end return: the host's section 151 officer (the returns report spend; the board approves them).
 * With no host, the section 151 signature is not asked for. The board's approval is recorded after all of these.
 */
export function requiredSlots(kind: SubmissionKind, partnerOrgIds: readonly number[], hostOrgId: number | null): SignatureSlot[] {
  const slots: SignatureSlot[] = [];
  if (kind === 'plan')
    for (const orgId of [...new Set(partnerOrgIds)].sort((a, b) => a - b)) slots.push({ capacity: 'chief_executive', orgId });
  if (hostOrgId !== null) slots.push({ capacity: 'section_151', orgId: hostOrgId });
  return slots;
}

/** "Chief executive of Northbridge Borough Council". */
export function slotLabel(capacity: Capacity, orgName: string | null): string {
  if (capacity === 'hwb_approval') return 'Health and Wellbeing Board approval';
  return `${capacity === 'chief_executive' ? 'Chief executive' : 'Section 151 officer'} of ${orgName ?? 'the organisation'}`;
}

/** A label inside a sentence: its first letter lowered unless it is a name or a code ("Plan" -> "plan", "Q1 return" and
 * "NHS Westmoor ICB" as written). */
export const inSentence = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/** "plan", "Q2 return", "year-end return". */
export const kindInSentence = (kind: SubmissionKind) => inSentence(SUBMISSION_KIND_LABELS[kind]);

/** The statement a signatory signs, with the version's digest. */
export function signingStatement(kind: SubmissionKind, fundName: string, bcfYear: string, round: number, digest: string): string {
  return (
    `I confirm, for the organisation I sign for, the ${kindInSentence(kind)} of ${fundName} (BCF ${bcfYear}), ` +
    `version ${round}, with figures digest ${digest.slice(0, 12)}…${digest.slice(-4)}.`
  );
}

/** The quarters whose actuals a return locks: its own quarter; the year end all four. */
export function quartersOf(kind: SubmissionKind): number[] {
  if (kind === 'year_end') return [1, 2, 3, 4];
  if (kind === 'plan') return [];
  return [Number(kind.slice(1))];
}

/** The locks of a fund from its submissions: one per approved or submitted submission. */
export function locksOf(
  submissions: readonly { kind: SubmissionKind; status: SubmissionStatus; approvedAt: string | null; submittedOn: string | null }[],
  bcfYear: string,
): FundLock[] {
  return submissions
    .filter((s) => LOCKING_STATUSES.includes(s.status))
    .map((s) => {
      const when =
        s.status === 'submitted' && s.submittedOn
          ? `submitted on ${formatLongDate(s.submittedOn)}`
          : `approved by the board${s.approvedAt ? ` on ${formatLongDate(s.approvedAt)}` : ''}`;
      const what = `the ${bcfYear} ${kindInSentence(s.kind)}`;
      return {
        kind: s.kind,
        covers: { plan: s.kind === 'plan', actualQuarters: quartersOf(s.kind) },
        reason: `Locked by ${what}, ${when}: an administrator can reopen it with a reason`,
      };
    });
}

/** A row's fields with fundId last, so a created or removed row is refused naming a figure a person knows (its Scheme
 * ID, a condition's answer), not the fund it belongs to; fundId stays covered, so a row cannot leave a locked fund. */
function fundIdLast(row: Record<string, unknown>): [string, unknown][] {
  const entries = Object.entries(row);
  return [...entries.filter(([field]) => field !== 'fundId'), ...entries.filter(([field]) => field === 'fundId')];
}

/** The figures of a row a lock can cover, each under a key naming the figure, for one entity. */
function lockedFigures(
  entity: string,
  row: Record<string, unknown> | null,
  locks: readonly FundLock[],
): Map<string, { value: unknown; field: string; lock: FundLock }> {
  const figures = new Map<string, { value: unknown; field: string; lock: FundLock }>();
  if (row === null) return figures;
  const plan = locks.find((l) => l.covers.plan);
  const actualLock = (quarter: number) => locks.find((l) => l.covers.actualQuarters.includes(quarter));
  if (entity === 'contribution') {
    const key = `${String(row.orgId)}|${String(row.source)}|${String(row.quarter)}`;
    if (plan) figures.set(`planned|${key}`, { value: row.plannedPence, field: 'plannedPence', lock: plan });
    const actual = actualLock(Number(row.quarter));
    if (actual) figures.set(`actual|${key}`, { value: row.actualPence, field: 'actualPence', lock: actual });
    return figures;
  }
  if (entity === 'scheme') {
    for (const [field, value] of fundIdLast(row)) {
      const quarterActual = /^q([1-4])ActualPence$/.exec(field);
      if (quarterActual) {
        const actual = actualLock(Number(quarterActual[1]));
        if (actual) figures.set(`${String(row.id)}|${field}`, { value, field, lock: actual });
      } else if (plan && !['id', 'version', 'updatedAt', 'updatedBy', 'plannedTotalPence', 'actualTotalPence'].includes(field)) {
        figures.set(`${String(row.id)}|${field}`, { value, field, lock: plan });
      }
    }
    return figures;
  }
  if (plan && (entity === 'condition_answer' || entity === 'fund_plan_settings')) {
    for (const [field, value] of fundIdLast(row)) {
      if (!['id', 'version', 'updatedAt', 'updatedBy'].includes(field))
        figures.set(`${String(row.id)}|${field}`, { value, field, lock: plan });
    }
  }
  return figures;
}

/** Zero and absent mean the same for money (a new row with nothing planned changes no planned figure). */
const same = (a: unknown, b: unknown) => (a ?? 0) === (b ?? 0) || (typeof a === 'string' && typeof b === 'string' && a === b);

/**
 * The first locked figure a write of `entity` would change, from the row `before` to the row `after` (null when it does
 * not exist), or null when the write touches no locked figure.
 */
export function lockedFieldOf(
  entity: string,
  before: object | null,
  after: object | null,
  locks: readonly FundLock[],
): { field: string; lock: FundLock } | null {
  if (locks.length === 0) return null;
  const was = lockedFigures(entity, before as Record<string, unknown> | null, locks);
  const now = lockedFigures(entity, after as Record<string, unknown> | null, locks);
  for (const [key, figure] of was) if (!same(figure.value, now.get(key)?.value)) return { field: figure.field, lock: figure.lock };
  for (const [key, figure] of now) if (!same(figure.value, was.get(key)?.value)) return { field: figure.field, lock: figure.lock };
  return null;
}

/** Whole days from `today` to `dueOn` (ISO days); negative when overdue. */
export function daysBetween(today: string, dueOn: string): number {
  return Math.round((Date.parse(`${dueOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
}

/** "12 days left", "Due today", "Overdue by 3 days". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft === 0) return 'Due today';
  if (daysLeft > 0) return `${daysLeft} day${daysLeft === 1 ? '' : 's'} left`;
  return `Overdue by ${-daysLeft} day${daysLeft === -1 ? '' : 's'}`;
}
