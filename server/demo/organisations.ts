// The demo's organisations and sign-ins: ILLUSTRATIVE ONLY. The places and organisations are fictional, shaped on the
// public case studies of domain.md ("Demo data"); they are not any real area's. The other demo modules name an
// organisation by its key here.
import type { DemoOrganisation, DemoUser } from './types';

export const DEMO_ORGANISATIONS = {
  council: { name: 'Northbridge Borough Council', sector: 'social_care', kind: 'Unitary authority' },
  icb: { name: 'NHS Northbridge and Vale ICB', sector: 'health', kind: 'Integrated care board' },
  forum: { name: 'Northbridge Older People’s Forum', sector: 'voluntary', kind: 'Voluntary organisation' },
  westmoorCsc: { name: 'Westmoor County Council – Children’s Social Care', sector: 'social_care', kind: 'County council' },
  westmoorEdu: { name: 'Westmoor County Council – Education', sector: 'education', kind: 'County council' },
  westmoorIcb: { name: 'NHS Westmoor ICB', sector: 'health', kind: 'Integrated care board' },
} as const satisfies Record<string, DemoOrganisation>;

export type DemoOrgKey = keyof typeof DEMO_ORGANISATIONS;

/** The demo sign-ins of a first start (design.md "Running"): one per role, a finance officer of the council only, and
 * the people who sign the demo plan.
 * They share one password: BCF_DEMO_PASSWORD when set, otherwise a random one printed once. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: 'admin@demo.test', name: 'Ada Admin (demo)', role: 'admin', orgs: [] },
  { email: 'finance@demo.test', name: 'Fin Officer (demo)', role: 'finance_officer', orgs: 'all' },
  { email: 'council.finance@demo.test', name: 'Cal Council-Finance (demo)', role: 'finance_officer', orgs: ['council'] },
  { email: 'commissioner@demo.test', name: 'Cam Commissioner (demo)', role: 'commissioner', orgs: 'all' },
  { email: 'board@demo.test', name: 'Bea Board-Member (demo)', role: 'board_member', orgs: 'all' },
  // Signatories (server/demo/sign-off.ts names them): signing is a capability of a user, not a role, so they read as
  // board members do and sign for their own organisation.
  { email: 'ceo.council@demo.test', name: 'Cora Council-Chief (demo)', role: 'board_member', orgs: ['council'] },
  { email: 'ceo.icb@demo.test', name: 'Ian ICB-Chief (demo)', role: 'board_member', orgs: ['icb'] },
  { email: 's151@demo.test', name: 'Sid Section-151 (demo)', role: 'board_member', orgs: ['council'] },
];
