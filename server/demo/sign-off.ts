// The demo's sign-off (issue "Sign-off and returns"): ILLUSTRATIVE ONLY. Each demo BCF year's deadlines (made-up dates
// of the usual shape, to be checked against the year's planning requirements, never read as the national ones), who
// signs for the demo organisations and records each demo board's approval, and the borough's 2025/26 plan sent for
// sign-off with one chief executive's signature in, so the status board has something to show. Nothing is approved
// or submitted: a lock would stop the demo's figures being edited, which people trying the tool (and its tests) do.
// Written through the services a person's request reaches: deadlines, namings and the sending as the system; the
// signature as the person named, since only they may sign.
import type { DB } from '../../db/connection';
import { listUsers } from '../../db/repositories/user.repository';
import type { Actor } from '../../db/unit-of-work';
import { deadlineSetInput, signatoryCreateInput, submissionSendInput, submissionSignInput } from '../../shared/schema/submission';
import type { Capacity, DeadlineKind } from '../../shared/schema/submission';
import { setDeadline } from '../services/deadlines';
import { createSignatory } from '../services/signatories';
import { sendForSignOff, signSubmission } from '../services/submissions';
import type { DemoOrgKey } from './organisations';
import { demoPerson } from './people';

const DEADLINE_NOTE = 'Illustrative demo date: check it against the year’s BCF planning requirements before relying on it.';

/** Each demo BCF year's deadlines (illustrative). */
export const DEMO_DEADLINES: Readonly<Record<string, Readonly<Record<DeadlineKind, string>>>> = {
  '2025/26': {
    plan: '2025-03-31',
    s75: '2025-09-30',
    q1: '2025-07-25',
    q2: '2025-10-31',
    q3: '2026-01-30',
    year_end: '2026-05-29',
  },
  '2026/27': {
    plan: '2026-03-31',
    s75: '2026-09-30',
    q1: '2026-07-24',
    q2: '2026-10-30',
    q3: '2027-01-29',
    year_end: '2027-05-28',
  },
};

/** Who signs for which demo organisation (by the sign-in's email). board@demo.test records every demo board's
 * approval (DEMO_HWB_APPROVER). */
export const DEMO_SIGNATORIES: readonly {
  email: string;
  capacity: Exclude<Capacity, 'hwb_approval'>;
  org: DemoOrgKey;
  jobTitle: string;
}[] = [
  { email: 'ceo.council@demo.test', capacity: 'chief_executive', org: 'council', jobTitle: 'Chief Executive (demo)' },
  { email: 'ceo.icb@demo.test', capacity: 'chief_executive', org: 'icb', jobTitle: 'Chief Executive (demo)' },
  { email: 's151@demo.test', capacity: 'section_151', org: 'council', jobTitle: 'Director of Finance, section 151 officer (demo)' },
];
export const DEMO_HWB_APPROVER = { email: 'board@demo.test', jobTitle: 'Chair of the Health and Wellbeing Board (demo)' };

/** The plan the demo sends for sign-off, and who has signed it (their email): the ICB's chief executive only, so the
 * council's chief executive and its section 151 officer show as still to sign. */
export const DEMO_SENT_PLAN = { partnership: 'Northbridge Better Care Fund', bcfYear: '2025/26', signedBy: ['ceo.icb@demo.test'] };

/** Set each demo year's deadlines, as an administrator does on /admin. */
export async function seedDemoDeadlines(db: DB, actor: Actor): Promise<void> {
  for (const [bcfYear, deadlines] of Object.entries(DEMO_DEADLINES)) {
    for (const [kind, dueOn] of Object.entries(deadlines)) {
      await setDeadline(db, actor, deadlineSetInput.parse({ bcfYear, kind, dueOn, note: DEADLINE_NOTE }));
    }
  }
}

/** Name the demo signatories and board approvers, send the borough's 2025/26 plan and give its first signature. */
export async function seedDemoSignOff(db: DB, actor: Actor, orgIdOf: (key: DemoOrgKey) => number): Promise<void> {
  const users = await listUsers(db);
  const userOf = (email: string) => {
    const user = users.find((u) => u.email === email);
    if (!user) throw new Error(`The demo names ${email} as a signatory, who is not a demo sign-in`);
    return user;
  };
  for (const s of DEMO_SIGNATORIES) {
    const input = { userId: userOf(s.email).id, capacity: s.capacity, orgId: orgIdOf(s.org), jobTitle: s.jobTitle };
    await createSignatory(db, actor, signatoryCreateInput.parse(input));
  }
  const partnerships = await db.selectFrom('partnership').select(['id', 'name']).where('isDemo', '=', 1).execute();
  for (const p of partnerships) {
    const input = {
      userId: userOf(DEMO_HWB_APPROVER.email).id,
      capacity: 'hwb_approval',
      partnershipId: p.id,
      jobTitle: DEMO_HWB_APPROVER.jobTitle,
    };
    await createSignatory(db, actor, signatoryCreateInput.parse(input));
  }

  const fund = await db
    .selectFrom('fund')
    .innerJoin('partnership', 'partnership.id', 'fund.partnershipId')
    .select('fund.id')
    .where('partnership.name', '=', DEMO_SENT_PLAN.partnership)
    .where('fund.bcfYear', '=', DEMO_SENT_PLAN.bcfYear)
    .executeTakeFirst();
  if (!fund) throw new Error(`The demo sends the ${DEMO_SENT_PLAN.bcfYear} plan of ${DEMO_SENT_PLAN.partnership}, which has no such fund`);
  const sent = await sendForSignOff(db, actor, submissionSendInput.parse({ fundId: fund.id, kind: 'plan' }));
  for (const email of DEMO_SENT_PLAN.signedBy) {
    const signer = userOf(email);
    const slot = sent.signatures.find((s) => s.signatories.some((p) => p.userId === signer.id));
    if (!slot || slot.orgId === null || slot.capacity === 'hwb_approval')
      throw new Error(`The demo has ${email} sign, who is not named for the plan`);
    const input = { fundId: fund.id, kind: 'plan', digest: sent.digest, capacity: slot.capacity, orgId: slot.orgId };
    await signSubmission(db, (await demoPerson(db, email, 'The demo signature')).actor, submissionSignInput.parse(input));
  }
}
