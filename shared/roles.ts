// The roles (issue "Sign-in, roles and history"): their names, labels and descriptions. What each may do is the table
// in shared/permissions.ts, which the server enforces and the client reads to hide or disable what a role cannot do.

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

/** Entities private to one person: a scenario and its lines are its owner's working copy (issue 6). Every read path
 * (the write path's refusals, history, exports) shows them only to their owner and administrators (issue 20). These
 * are the entities whose read rule in shared/permissions.ts has the `owner` scope (a unit test holds the two equal). */
export const PRIVATE_ENTITIES: readonly string[] = ['scenario', 'scenario_item'];
