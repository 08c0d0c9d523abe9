// Roles and what each may do (issue "Sign-in, roles and history"). The server enforces these in its base procedures
// and write path; the client reads the same table to hide or disable what a role cannot do, and to say why.

export const ROLES = ['admin', 'finance_officer', 'commissioner', 'board_member'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  finance_officer: 'Finance officer',
  commissioner: 'Commissioner',
  board_member: 'Board member',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Manages users and partnerships and can change everything.',
  finance_officer: 'Enters planned and actual contributions for the organisations they belong to.',
  commissioner: 'Plans funds, splits and scenarios for their partnerships; reads contributions.',
  board_member: 'Reads everything in their partnerships and changes nothing.',
};

/** The signed-in person as the rules see them. */
export interface Person {
  id: number;
  role: Role;
  /** The organisations the person belongs to (a finance officer edits only these organisations' figures). */
  orgIds: readonly number[];
}

/** Why this person may not change this contribution, or null when they may. */
export function contributionEditBlock(person: Person, orgId: number, orgName = 'this partner'): string | null {
  if (person.role === 'admin') return null;
  if (person.role !== 'finance_officer') return `${ROLE_LABELS[person.role]}s can read contributions but not change them`;
  if (!person.orgIds.includes(orgId)) return `Only ${orgName}'s own finance officers (or an administrator) can change its figures`;
  return null;
}

/** Whether this person may add or change funds in their partnerships. */
export function canManageFunds(person: Person): boolean {
  return person.role === 'admin' || person.role === 'commissioner';
}

/** Entities private to one person: a scenario and its lines are its owner's working copy (issue 6). Every read path
 * (the write path's refusals, history, exports) shows them only to their owner and administrators (issue 20). */
export const PRIVATE_ENTITIES: readonly string[] = ['scenario', 'scenario_item'];
