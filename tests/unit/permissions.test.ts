// The permissions table (issue 14, part 1): the role matrix it generates, and `can`, which fails closed.
import { describe, expect, it } from 'vitest';
import {
  can,
  contributionEditBlock,
  PERMISSIONS,
  permissionList,
  roleCan,
  roleMatrix,
  roleRefusal,
  ruleFor,
  scopeRefusal,
  type Member,
  type Scope,
} from '../../shared/permissions';
import { PRIVATE_ENTITIES, ROLES } from '../../shared/roles';

const member = (role: Member['role'], extra: Partial<Member> = {}): Member => ({
  id: 7,
  role,
  orgIds: [11],
  partnershipIds: [3],
  ...extra,
});
const admin = member('admin', { orgIds: [], partnershipIds: [] });
const finance = member('finance_officer');
const commissioner = member('commissioner');
const board = member('board_member');

/** The matrix as it is meant to be: a change to who may do what shows up here, and in the API's role matrix test. */
const EXPECTED_MATRIX: Record<string, readonly string[]> = {
  'app_user.read': ROLES,
  'app_user.list': ['admin'],
  'app_user.change': ['admin'],
  'setting.read': ROLES,
  'setting.change': ROLES,
  'organisation.read': ROLES,
  'organisation.change': ['admin'],
  'partnership.read': ROLES,
  'partnership.change': ['admin'],
  'reference_item.read': ROLES,
  'reference_item.change': ['admin'],
  'metric.read': ROLES,
  'metric.change': ['admin'],
  'fund.read': ROLES,
  'fund.change': ['admin', 'commissioner'],
  'contribution.read': ROLES,
  'contribution.change': ['admin', 'finance_officer'],
  'contribution.promote': ['admin', 'commissioner'],
  'scheme.read': ROLES,
  'scheme.change': ['admin', 'finance_officer', 'commissioner'],
  'plan_snapshot.read': ROLES,
  'plan_snapshot.change': ['admin', 'finance_officer', 'commissioner'],
  'outcome.read': ROLES,
  'outcome.change': ['admin', 'finance_officer', 'commissioner'],
  'fund_plan_settings.read': ROLES,
  'fund_plan_settings.change': ['admin', 'commissioner'],
  'split_rule.read': ROLES,
  'split_rule.change': ['admin', 'commissioner'],
  'fund_risk_share.read': ROLES,
  'fund_risk_share.change': ['admin', 'commissioner'],
  'scenario.read': ['admin', 'commissioner'],
  'scenario.change': ['admin', 'commissioner'],
  'scenario_item.read': ['admin', 'commissioner'],
  'scenario_item.change': ['admin', 'commissioner'],
  'unit_cost.read': ROLES,
  'unit_cost.change': ['admin', 'commissioner'],
  'evidence_item.read': ROLES,
  'evidence_item.change': ['admin', 'commissioner'],
  'roi_benefit.read': ROLES,
  'roi_benefit.change': ['admin', 'commissioner'],
  'audit_event.read': ROLES,
  'audit_event.undo': ['admin', 'finance_officer', 'commissioner'],
  'bcf_year.read': ROLES,
  'bcf_year.change': ['admin'],
  'funding_stream.read': ROLES,
  'funding_stream.change': ['admin'],
  'year_mapping.read': ROLES,
  'year_mapping.change': ['admin', 'commissioner'],
  'condition_answer.read': ROLES,
  'condition_answer.change': ['admin', 'finance_officer', 'commissioner'],
  'submission.read': ROLES,
  'submission.change': ROLES,
  'submission.prepare': ['admin', 'finance_officer', 'commissioner'],
  'submission.sign': ROLES,
  'submission.reopen': ['admin'],
  'signature.read': ROLES,
  'signature.change': ROLES,
  'return_answer.read': ROLES,
  'return_answer.change': ['admin', 'finance_officer', 'commissioner'],
  'signatory.read': ['admin'],
  'signatory.change': ['admin'],
  'bcf_deadline.read': ROLES,
  'bcf_deadline.change': ['admin'],
  'comment_thread.read': ROLES,
  'comment_thread.change': ROLES,
  'comment.read': ROLES,
  'comment.change': ROLES,
  'notification.read': ROLES,
  'notification.change': ROLES,
  'presence.read': ROLES,
  'presence.change': ROLES,
};

describe('the role matrix generated from the table', () => {
  const matrix = roleMatrix();

  it('has one row for every entity and action of the table, and says which roles may', () => {
    expect(Object.keys(matrix).sort()).toEqual(
      permissionList()
        .map((p) => `${p.entity}.${p.action}`)
        .sort(),
    );
    expect(matrix).toEqual(EXPECTED_MATRIX);
  });

  // The exceptions. Sign-off: whoever is named signs (a chief executive may hold a board member's account), so the
  // role lets every member through and the service checks the name (tests/api/submissions.test.ts). Conversation:
  // a board member asks questions on the figures, reads their notifications and shows where they are on a fund.
  const SIGN_OFF = ['setting.change', 'submission.change', 'submission.sign', 'signature.change'];
  const CONVERSATION = ['comment_thread.change', 'comment.change', 'notification.change', 'presence.change'];

  it('an administrator may do everything; a board member changes nothing but their settings, signatures and conversation', () => {
    for (const [name, roles] of Object.entries(matrix)) {
      expect(roles, name).toContain('admin');
      if (!name.endsWith('.read') && !SIGN_OFF.includes(name) && !CONVERSATION.includes(name))
        expect(roles, name).not.toContain('board_member');
    }
  });

  it('every rule says what it is, so a refusal can name it', () => {
    for (const { entity, action } of permissionList()) {
      const rule = ruleFor(entity, action);
      expect(rule?.what.length, `${entity}.${action}`).toBeGreaterThan(5);
    }
  });

  it('the private entities of the read paths are exactly those read only by their owner', () => {
    const ownerRead = permissionList()
      .filter((p) => p.action === 'read' && ruleFor(p.entity, p.action)?.scope === 'owner')
      .map((p) => p.entity);
    expect([...PRIVATE_ENTITIES].sort()).toEqual(ownerRead.sort());
  });
});

describe('can: the role, then the scope, failing closed', () => {
  const inPartnership: Scope = { kind: 'partnership', partnershipId: 3 };
  const elsewhere: Scope = { kind: 'partnership', partnershipId: 4 };

  it('asks the role first', () => {
    expect(can(commissioner, 'fund', 'change', inPartnership)).toBe(true);
    expect(can(finance, 'fund', 'change', inPartnership)).toBe(false);
    expect(can(board, 'scheme', 'change', inPartnership)).toBe(false);
    expect(roleCan('finance_officer', 'scheme', 'change')).toBe(true);
    expect(roleCan('board_member', 'scheme', 'change')).toBe(false);
  });

  it('a missing scope, a scope of another kind, or a name not in the table is a refusal, never a pass', () => {
    expect(can(commissioner, 'fund', 'change', null)).toBe(false);
    expect(can(admin, 'fund', 'change', null)).toBe(false);
    expect(can(finance, 'contribution', 'change', inPartnership)).toBe(false); // a partnership is not an organisation
    expect(can(commissioner, 'scenario', 'change', inPartnership)).toBe(false); // nor an owner
    expect(can(admin, 'no_such_entity', 'change', { kind: 'shared' })).toBe(false);
    expect(can(admin, 'fund', 'delete', inPartnership)).toBe(false);
    expect(can(admin, 'toString', 'read', { kind: 'shared' })).toBe(false);
    expect(roleCan('admin', 'constructor', 'read')).toBe(false);
  });

  it('partnership: only a member', () => {
    expect(can(commissioner, 'split_rule', 'change', inPartnership)).toBe(true);
    expect(can(commissioner, 'split_rule', 'change', elsewhere)).toBe(false);
    expect(can(member('commissioner', { partnershipIds: new Set([4]) }), 'split_rule', 'change', elsewhere)).toBe(true);
    expect(can(board, 'scheme', 'read', elsewhere)).toBe(false);
  });

  it('own organisation: a member whose organisation it is', () => {
    expect(can(finance, 'contribution', 'change', { kind: 'ownOrganisation', partnershipId: 3, orgId: 11 })).toBe(true);
    expect(can(finance, 'contribution', 'change', { kind: 'ownOrganisation', partnershipId: 3, orgId: 12 })).toBe(false);
    expect(can(finance, 'contribution', 'change', { kind: 'ownOrganisation', partnershipId: 4, orgId: 11 })).toBe(false);
  });

  it('owner: a member who owns the row', () => {
    expect(can(commissioner, 'scenario', 'change', { kind: 'owner', partnershipId: 3, ownerId: 7 })).toBe(true);
    expect(can(commissioner, 'scenario', 'change', { kind: 'owner', partnershipId: 3, ownerId: 8 })).toBe(false);
    expect(can(commissioner, 'scenario_item', 'read', { kind: 'owner', partnershipId: 4, ownerId: 7 })).toBe(false);
  });

  it('self: only their own record', () => {
    expect(can(board, 'app_user', 'read', { kind: 'self', userId: 7 })).toBe(true);
    expect(can(board, 'app_user', 'read', { kind: 'self', userId: 8 })).toBe(false);
    expect(can(board, 'app_user', 'change', { kind: 'shared' })).toBe(false);
  });

  it('an administrator acts in every resolved scope', () => {
    expect(can(admin, 'contribution', 'change', { kind: 'ownOrganisation', partnershipId: 9, orgId: 99 })).toBe(true);
    expect(can(admin, 'scenario', 'change', { kind: 'owner', partnershipId: 9, ownerId: 1 })).toBe(true);
  });
});

describe('refusals name the role, what it cannot do and who can', () => {
  it('by role', () => {
    expect(roleRefusal('board_member', 'scheme', 'change')).toBe(
      'Your role (board_member) cannot change the plan: board members read only',
    );
    expect(roleRefusal('finance_officer', 'split_rule', 'change')).toBe(
      'Your role (finance_officer) cannot change split rules: only commissioners and administrators can',
    );
    expect(roleRefusal('commissioner', 'contribution', 'change')).toBe(
      'Your role (commissioner) cannot change contributions: only finance officers and administrators can',
    );
    expect(roleRefusal('board_member', 'outcome', 'change')).toMatch(/board members read only/);
  });

  it('by scope', () => {
    expect(scopeRefusal(commissioner, 'fund', 'change', { kind: 'partnership', partnershipId: 4 })).toBe(
      'You can add or change funds only in your own partnerships',
    );
    expect(
      scopeRefusal(finance, 'contribution', 'change', { kind: 'ownOrganisation', partnershipId: 3, orgId: 12 }, 'NHS Testshire ICB'),
    ).toBe("Only NHS Testshire ICB's own finance officers (or an administrator) can change its figures");
    expect(scopeRefusal(commissioner, 'scenario', 'change', { kind: 'owner', partnershipId: 3, ownerId: 8 })).toMatch(
      /private working copy/,
    );
    expect(scopeRefusal(commissioner, 'fund_plan_settings', 'change', null)).toMatch(/could not be found/);
  });

  it('contributionEditBlock says why a person may not change a partner’s figures, from the same table', () => {
    expect(contributionEditBlock(finance, 11)).toBeNull();
    expect(contributionEditBlock(admin, 12)).toBeNull();
    expect(contributionEditBlock(finance, 12, 'Testshire ICB')).toBe(
      "Only Testshire ICB's own finance officers (or an administrator) can change its figures",
    );
    expect(contributionEditBlock(commissioner, 11)).toBe('Commissioners can read contributions but not change them');
    expect(contributionEditBlock(board, 11)).toBe('Board members can read contributions but not change them');
  });

  it('the table lists every action it has as a permission', () => {
    const count = Object.values(PERMISSIONS).reduce((n, actions) => n + Object.keys(actions).length, 0);
    expect(permissionList()).toHaveLength(count);
  });
});
