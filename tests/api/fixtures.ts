// Shared set-up for the API tests: a small partnership (a council and an ICB) with one 2025/26 fund, and an
// organisation that exists but is not a member. Everything is created through the real routers.
import type { Caller, TestApi } from '../support/api';

export interface Fixture {
  councilId: number;
  icbId: number;
  outsiderId: number;
  partnershipId: number;
  fundId: number;
}

let serial = 0;

/** A partnership and fund with unique names, so one test file can make several. */
export async function makeFund(api: TestApi, label = ''): Promise<Fixture> {
  serial += 1;
  const tag = `${label}${serial}`;
  const council = await api.caller.orgs.create({ name: `Testshire Council ${tag}`, sector: 'social_care', kind: 'Unitary authority' });
  const icb = await api.caller.orgs.create({ name: `NHS Testshire ICB ${tag}`, sector: 'health' });
  const outsider = await api.caller.orgs.create({ name: `Elsewhere Trust ${tag}`, sector: 'health' });
  const partnership = await api.caller.partnerships.create({
    name: `Testshire BCF ${tag}`,
    arrangement: 'pooled_fund',
    hostOrgId: council.id,
    memberOrgIds: [council.id, icb.id],
  });
  const fund = await api.caller.funds.create({ partnershipId: partnership.id, name: 'Better Care Fund', financialYear: '2025/26' });
  return { councilId: council.id, icbId: icb.id, outsiderId: outsider.id, partnershipId: partnership.id, fundId: fund.id };
}

/** Cast deliberately malformed input to a procedure's input type, to send what a careless client might. */
export function bad<T>(value: unknown): T {
  return value as T;
}

/** A contribution without its system fields, for comparing what a row holds regardless of its version. */
export function valuesOf(row: {
  id: number;
  orgId: number;
  source: string;
  quarter: number;
  plannedPence: number;
  actualPence: number;
  note: string;
}) {
  const { id, orgId, source, quarter, plannedPence, actualPence, note } = row;
  return { id, orgId, source, quarter, plannedPence, actualPence, note };
}

/** The people who sign a fixture's plan, each named through the API (signatories.create): the council's and the
 * ICB's chief executives, the council's (the host's) section 151 officer, and the board's approver (the chair). */
export interface SignOffPeople {
  ceoCouncil: Caller;
  ceoIcb: Caller;
  s151: Caller;
  chair: Caller;
}

export async function nameSignOffPeople(api: TestApi, f: Fixture, tag: string): Promise<SignOffPeople> {
  const ceoCouncil = await api.userWith('board_member', [f.councilId], `ceo.council.${tag}@test.example`);
  const ceoIcb = await api.userWith('board_member', [f.icbId], `ceo.icb.${tag}@test.example`);
  const s151 = await api.userWith('finance_officer', [f.councilId], `s151.${tag}@test.example`);
  const chair = await api.userWith('board_member', [f.councilId, f.icbId], `chair.${tag}@test.example`);
  await api.caller.signatories.create({ userId: ceoCouncil.user.id, capacity: 'chief_executive', orgId: f.councilId });
  await api.caller.signatories.create({ userId: ceoIcb.user.id, capacity: 'chief_executive', orgId: f.icbId });
  await api.caller.signatories.create({ userId: s151.user.id, capacity: 'section_151', orgId: f.councilId });
  await api.caller.signatories.create({ userId: chair.user.id, capacity: 'hwb_approval', partnershipId: f.partnershipId });
  return { ceoCouncil: ceoCouncil.caller, ceoIcb: ceoIcb.caller, s151: s151.caller, chair: chair.caller };
}
