// Who may do what, in one table (issue 14, part 1): for each entity (named as its table and in audit events) and
// action, the roles that may do it and the scope a row must be in for them. The server's procedures and write path
// (server/trpc.ts, server/policy.ts) and the client's editability checks all ask `can` / `roleCan` of this table.
import { ROLE_LABELS, ROLES, type Person, type Role } from './roles';

/**
 * Where a rule holds, beyond the role:
 * - `shared`: data every signed-in person shares (organisations, reference lists, unit costs, evidence);
 * - `self`: the person's own record (their account, their saved layouts);
 * - `partnership`: a row of a partnership (directly, or through its fund) the person is a member of;
 * - `ownOrganisation`: as `partnership`, and the row's organisation is one of the person's (a partner's figures);
 * - `owner`: as `partnership`, and the person owns the row (a scenario is its owner's private working copy).
 */
export type ScopeKind = 'shared' | 'self' | 'partnership' | 'ownOrganisation' | 'owner';

/** The facts about one row that a rule's scope is judged on; the server resolves them from the row (server/policy.ts). */
export type Scope =
  | { kind: 'shared' }
  | { kind: 'self'; userId: number }
  | { kind: 'partnership'; partnershipId: number }
  | { kind: 'ownOrganisation'; partnershipId: number; orgId: number }
  | { kind: 'owner'; partnershipId: number; ownerId: number };

export interface Rule {
  roles: readonly Role[];
  scope: ScopeKind;
  /** What the action is, for a refusal: "Your role (board_member) cannot <what>: <why>". */
  what: string;
  /** Why not; by default "only <the roles> can". */
  why?: string;
}

const EVERYONE: readonly Role[] = ['admin', 'finance_officer', 'commissioner', 'board_member'];
const COMMISSIONERS: readonly Role[] = ['admin', 'commissioner'];
/** The plan (schemes, their spend, snapshots, outcomes) is changed by a partnership's commissioners and finance
 * officers (issue "The BCF plan"); board members read only. */
const PLAN_EDITORS: readonly Role[] = ['admin', 'finance_officer', 'commissioner'];
const ADMINISTRATORS: readonly Role[] = ['admin'];
const ASK_AN_ADMINISTRATOR = 'ask an administrator';
const BOARD_READS_ONLY = 'board members read only';

/** A rule: `roles` may do `what` to rows in `scope`; `why` says why anyone else may not (by default "only <the
 * roles> can"). */
const rule = (roles: readonly Role[], scope: ScopeKind, what: string, why?: string): Rule => ({
  roles,
  scope,
  what,
  ...(why ? { why } : {}),
});

const readShared = rule(EVERYONE, 'shared', 'read this');
const readInPartnership = rule(EVERYONE, 'partnership', 'read this');
/** Data every partnership shares, kept by administrators. */
const keptByAdministrators = (what: string) => ({ read: readShared, change: rule(ADMINISTRATORS, 'shared', what, ASK_AN_ADMINISTRATOR) });
/** A partnership's rows (directly or through a fund): its members read them, `roles` change them. */
const ofPartnership = (roles: readonly Role[], what: string, why?: string) => ({
  read: readInPartnership,
  change: rule(roles, 'partnership', what, why),
});
/** Issue 6: a scenario is a commissioner's private working copy of a fund's cost lines; only its owner sees and
 * changes it (and administrators). Its lines follow it. */
const ownersWorkingCopy = {
  read: rule(COMMISSIONERS, 'owner', 'use scenarios', 'they are commissioners’ working copies of a fund’s cost lines'),
  change: rule(COMMISSIONERS, 'owner', 'change scenarios'),
};

/**
 * The table. An administrator is in every rule's roles and acts in every scope. Reading a partnership's rows needs
 * membership (through one of the person's organisations); changing them needs the role too.
 */
export const PERMISSIONS = {
  app_user: {
    read: rule(EVERYONE, 'self', 'read other people’s accounts', ASK_AN_ADMINISTRATOR),
    list: rule(ADMINISTRATORS, 'shared', 'manage users', ASK_AN_ADMINISTRATOR),
    change: rule(ADMINISTRATORS, 'shared', 'manage users', ASK_AN_ADMINISTRATOR),
  },
  setting: {
    read: rule(EVERYONE, 'self', 'read another person’s settings'),
    change: rule(EVERYONE, 'self', 'change another person’s settings'),
  },
  organisation: keptByAdministrators('manage organisations'),
  partnership: { read: readInPartnership, change: rule(ADMINISTRATORS, 'shared', 'manage partnerships', ASK_AN_ADMINISTRATOR) },
  reference_item: keptByAdministrators('change reference lists'),
  metric: keptByAdministrators('change metric definitions'),
  /** The BCF year as data: years and their funding streams are kept by administrators; the mapping of one year's codes
   * to the next is chosen by whoever starts next year's plan (a commissioner), for everyone after. */
  bcf_year: keptByAdministrators('open or change BCF years'),
  funding_stream: keptByAdministrators('change funding streams'),
  year_mapping: { read: readShared, change: rule(COMMISSIONERS, 'shared', 'map one BCF year’s lists to the next') },
  fund: ofPartnership(COMMISSIONERS, 'add or change funds'),
  contribution: {
    read: readInPartnership,
    change: rule(['admin', 'finance_officer'], 'ownOrganisation', 'change contributions'),
    /** A commissioner commits a scenario (issue 6): it sets the planned figures of the partnership's contributions. */
    promote: rule(COMMISSIONERS, 'partnership', 'promote scenarios'),
  },
  scheme: ofPartnership(PLAN_EDITORS, 'change the plan', BOARD_READS_ONLY),
  plan_snapshot: ofPartnership(PLAN_EDITORS, 'change the plan', BOARD_READS_ONLY),
  outcome: ofPartnership(PLAN_EDITORS, 'change outcomes', BOARD_READS_ONLY),
  fund_plan_settings: ofPartnership(COMMISSIONERS, 'change a fund’s plan settings'),
  /** A fund's answers to its year's national conditions are part of its plan. */
  condition_answer: ofPartnership(PLAN_EDITORS, 'answer the national conditions', BOARD_READS_ONLY),
  split_rule: ofPartnership(COMMISSIONERS, 'change split rules'),
  fund_risk_share: ofPartnership(COMMISSIONERS, 'change a fund’s risk share'),
  scenario: ownersWorkingCopy,
  scenario_item: ownersWorkingCopy,
  /** Issue 7: the reference data of appraisals, shared by every partnership, kept by commissioners. */
  unit_cost: { read: readShared, change: rule(COMMISSIONERS, 'shared', 'change unit costs') },
  evidence_item: { read: readShared, change: rule(COMMISSIONERS, 'shared', 'change evidence') },
  roi_benefit: ofPartnership(COMMISSIONERS, 'change benefit lines'),
  /** Sign-off and returns: partnership members read a fund's submissions. Plan editors prepare them (send for sign-off,
   * answer a return, record the submission); signing and recording the board's approval are open to every role here
   * and decided by who is named as a signatory (server/services/submissions.ts); only administrators reopen. The write
   * path's `change` rule lets any member's step be written; each step's own rule is checked by its procedure. */
  submission: {
    read: readInPartnership,
    change: rule(EVERYONE, 'partnership', 'take part in sign-off'),
    prepare: rule(PLAN_EDITORS, 'partnership', 'send plans and returns for sign-off or record their submission', BOARD_READS_ONLY),
    sign: rule(EVERYONE, 'partnership', 'sign or approve plans and returns'),
    reopen: rule(ADMINISTRATORS, 'partnership', 'reopen a plan or return after approval', ASK_AN_ADMINISTRATOR),
  },
  signature: { read: readInPartnership, change: rule(EVERYONE, 'partnership', 'sign plans and returns') },
  return_answer: ofPartnership(PLAN_EDITORS, 'write a return', BOARD_READS_ONLY),
  /** Who signs for each organisation, and who records each board's approval: named, and listed (with their email
   * addresses, across every organisation), by administrators only. Members see the people named for their own funds'
   * submissions through submissions.get. */
  signatory: {
    read: rule(ADMINISTRATORS, 'shared', 'list the signatories of every organisation', ASK_AN_ADMINISTRATOR),
    change: rule(ADMINISTRATORS, 'shared', 'name signatories', ASK_AN_ADMINISTRATOR),
  },
  bcf_deadline: keptByAdministrators('set the deadlines of a BCF year'),
  /** Conversation on the figures: every member of a partnership, board members included, reads and writes threads on
   * its figures. A thread on a scenario's line is as private as the scenario, and a comment is edited or deleted only
   * by its author (server/services/comments.ts). */
  comment_thread: { read: readInPartnership, change: rule(EVERYONE, 'partnership', 'comment on figures') },
  comment: { read: readInPartnership, change: rule(EVERYONE, 'partnership', 'comment on figures') },
  /** A person's own notifications, and their choice of email. */
  notification: {
    read: rule(EVERYONE, 'self', 'read another person’s notifications'),
    change: rule(EVERYONE, 'self', 'change another person’s notifications'),
  },
  /** Who has a fund open, and the cell each has selected: shared with the partnership's members. */
  presence: { read: readInPartnership, change: rule(EVERYONE, 'partnership', 'show where they are on a fund') },
  /** History: everyone reads the changes of their partnerships; editors undo their own (a service rule). */
  audit_event: {
    read: readInPartnership,
    undo: rule(PLAN_EDITORS, 'partnership', 'undo or redo changes', BOARD_READS_ONLY),
  },
} satisfies Record<string, Record<string, Rule>>;

export type Entity = keyof typeof PERMISSIONS;
export type ActionOf<E extends Entity> = keyof (typeof PERMISSIONS)[E] & string;
export type Permission = { [E in Entity]: { entity: E; action: ActionOf<E> } }[Entity];

export const ENTITIES = Object.keys(PERMISSIONS) as Entity[];

/** The rule for an entity and action; undefined for a name not in the table (an entity from a row, a typo). */
export function ruleFor(entity: string, action: string): Rule | undefined {
  if (!Object.hasOwn(PERMISSIONS, entity)) return undefined;
  const actions: Record<string, Rule> = PERMISSIONS[entity as Entity];
  return Object.hasOwn(actions, action) ? actions[action] : undefined;
}

/** Every entity and action of the table, for the role matrix and its tests. */
export function permissionList(): Permission[] {
  return ENTITIES.flatMap((entity) => Object.keys(PERMISSIONS[entity]).map((action) => ({ entity, action }) as Permission));
}

/** Whether the role may ever do this (the table's roles column): the question a procedure asks before any row. */
export function roleCan(role: Role, entity: string, action: string): boolean {
  return ruleFor(entity, action)?.roles.includes(role) ?? false;
}

/** The person the rules judge, with the partnerships they are a member of (an administrator's: all of them). */
export interface Member extends Person {
  partnershipIds: ReadonlySet<number> | readonly number[];
}

function isMember(person: Member, partnershipId: number): boolean {
  const ids = person.partnershipIds;
  return 'has' in ids ? ids.has(partnershipId) : ids.includes(partnershipId);
}

/** Whether one of the person's organisations is this one (a finance officer changes only their own partners' figures). */
export function ownsOrganisation(person: Person, orgId: number): boolean {
  return person.orgIds.includes(orgId);
}

/** Whether a resolved scope holds for the person (the role aside). */
function scopeHolds(person: Member, scope: Scope): boolean {
  switch (scope.kind) {
    case 'shared':
      return true;
    case 'self':
      return scope.userId === person.id;
    case 'partnership':
      return isMember(person, scope.partnershipId);
    case 'ownOrganisation':
      return isMember(person, scope.partnershipId) && ownsOrganisation(person, scope.orgId);
    case 'owner':
      return isMember(person, scope.partnershipId) && scope.ownerId === person.id;
  }
}

/**
 * Whether the person may do `action` on a row of `entity` in `scope`. Fails closed: an entity or action not in the
 * table, a missing scope (null) or a scope of another kind than the rule's is a refusal, never a pass. An
 * administrator passes any resolved scope.
 */
export function can(person: Member, entity: string, action: string, scope: Scope | null): boolean {
  const rule = ruleFor(entity, action);
  if (!rule || !rule.roles.includes(person.role) || scope === null) return false;
  if (person.role === 'admin') return true;
  return scope.kind === rule.scope && scopeHolds(person, scope);
}

/** "finance officers, commissioners and administrators": the roles of a rule as people, administrators last. */
export function whoMay(roles: readonly Role[]): string {
  const names = [...roles.filter((r) => r !== 'admin'), ...roles.filter((r) => r === 'admin')].map(
    (r) => `${ROLE_LABELS[r].toLowerCase()}s`,
  );
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : (names[0] ?? 'no one');
}

/** Why a role may not do this at all: names the role, what it cannot do, and who can. */
export function roleRefusal(role: Role, entity: string, action: string): string {
  const rule = ruleFor(entity, action);
  if (!rule) return `Your role (${role}) cannot change ${entity.replaceAll('_', ' ')} records`;
  return `Your role (${role}) cannot ${rule.what}: ${rule.why ?? `only ${whoMay(rule.roles)} can`}`;
}

/** Why the person may not do this here: their role may, the row's scope does not hold (or could not be resolved). */
export function scopeRefusal(person: Member, entity: string, action: string, scope: Scope | null, orgName = 'this partner'): string {
  const rule = ruleFor(entity, action);
  const what = rule?.what ?? `change ${entity.replaceAll('_', ' ')} records`;
  if (scope === null) return `You cannot ${what} here: the partnership, organisation or owner of this row could not be found`;
  if ('partnershipId' in scope && !isMember(person, scope.partnershipId)) return `You can ${what} only in your own partnerships`;
  if (scope.kind === 'ownOrganisation') return ownOrganisationRefusal(rule, orgName);
  if (scope.kind === 'owner') return 'A scenario is its owner’s private working copy: you can change only your own';
  return `You cannot ${what}`;
}

function ownOrganisationRefusal(rule: Rule | undefined, orgName: string): string {
  const roles = rule?.roles.filter((r) => r !== 'admin') ?? [];
  return `Only ${orgName}'s own ${whoMay(roles)} (or an administrator) can change its figures`;
}

/**
 * Why this person may not change this partner's contributions, or null when they may: the role, then the
 * organisation (the table's contribution rule). Membership of the fund's partnership is checked where the fund is
 * known: the procedure and the write path on the server; the client shows a fund only to its partnership's members.
 */
export function contributionEditBlock(person: Person, orgId: number, orgName = 'this partner'): string | null {
  const rule = PERMISSIONS.contribution.change;
  if (!roleCan(person.role, 'contribution', 'change')) return `${ROLE_LABELS[person.role]}s can read contributions but not change them`;
  if (person.role !== 'admin' && !ownsOrganisation(person, orgId)) return ownOrganisationRefusal(rule, orgName);
  return null;
}

/** The role matrix: for every entity and action ("scheme.change"), the roles that may do it, in ROLES order. */
export function roleMatrix(): Record<string, Role[]> {
  const matrix: Record<string, Role[]> = {};
  for (const { entity, action } of permissionList()) matrix[`${entity}.${action}`] = ROLES.filter((role) => roleCan(role, entity, action));
  return matrix;
}
