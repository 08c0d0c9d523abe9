// splits.rules.* (issue 6, item 2): a partnership's named split rules, written through the one write path (audited,
// versioned, undoable), validated by the shared split rules so a bad rule is refused with its field named and nothing
// written, and changed only by the partnership's commissioners and admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let serial = 0;
const uniqueName = () => `Rule ${++serial}`;

beforeAll(async () => {
  api = await openTestApi({ demo: true });
  f = await makeFund(api, 'rules');
});
afterAll(async () => {
  await api.close();
});

type CreateInput = Parameters<Caller['splits']['rules']['create']>[0];

function ruleInput(extra: Partial<CreateInput> = {}): CreateInput {
  return {
    partnershipId: f.partnershipId,
    name: uniqueName(),
    description: 'Joint funding for a person with a significant health need',
    sourceOfRule: 'Local protocol (test)',
    shares: [
      { party: 'social_care', basisPoints: 3000 },
      { party: 'health', basisPoints: 2000 },
    ],
    remainder: 'unfunded',
    ...extra,
  };
}

describe('the demo seed', () => {
  it('gives every demo partnership the standard formula 30/20 with its source', async () => {
    const demo = (await api.caller.partnerships.list()).filter((p) => p.isDemo);
    expect(demo.length).toBeGreaterThan(0);
    for (const partnership of demo) {
      const rules = await api.caller.splits.rules.list({ partnershipId: partnership.id });
      const standard = rules.find((r) => r.name === 'Standard formula 30/20 (transitions)');
      expect(standard).toMatchObject({
        fixed: [],
        shares: [
          { party: 'social_care', basisPoints: 3000 },
          { party: 'health', basisPoints: 2000 },
        ],
        remainder: 'unfunded',
      });
      expect(standard?.sourceOfRule).toMatch(/no national source defines the 30\/20 formula/);
    }
  });
});

describe('create, update, delete: audited and undoable', () => {
  it('creates a rule with fixed parts and an organisation party, and lists it', async () => {
    const rule = await api.caller.splits.rules.create(
      ruleInput({
        fixed: [{ party: 'health', pence: 5_000_00 }],
        shares: [
          { party: `org:${f.councilId}`, basisPoints: 6000 },
          { party: 'health', basisPoints: 4000 },
        ],
        remainder: 'normalise',
      }),
    );
    expect(rule).toMatchObject({ partnershipId: f.partnershipId, version: 1, remainder: 'normalise' });
    expect(rule.fixed).toEqual([{ party: 'health', pence: 5_000_00 }]);
    const listed = await api.caller.splits.rules.list({ partnershipId: f.partnershipId });
    expect(listed.find((r) => r.id === rule.id)).toEqual(rule);
    const events = await api.caller.audit.list({ entity: 'split_rule', entityId: rule.id });
    expect(events.map((e) => e.field).sort()).toEqual([
      'description',
      'fixed',
      'name',
      'partnershipId',
      'remainder',
      'shares',
      'sourceOfRule',
    ]);
  });

  it('updates with the version seen, refuses a stale version with CONFLICT, and undo puts the shares back', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    const updated = await api.caller.splits.rules.update({
      id: rule.id,
      version: rule.version,
      patch: { shares: [{ party: 'social_care', basisPoints: 6000 }], remainder: 'health' },
    });
    expect(updated).toMatchObject({ version: 2, shares: [{ party: 'social_care', basisPoints: 6000 }], remainder: 'health' });

    const before = await counts(api.db);
    const stale = await expectTrpcError(
      api.caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { name: 'Stale' } }),
      'CONFLICT',
    );
    expect(stale.message).toMatch(/changed by someone else/);
    expect(await counts(api.db)).toEqual(before);

    const [event] = await api.caller.audit.list({ entity: 'split_rule', entityId: rule.id, limit: 1 });
    expect(event?.field === 'shares' || event?.field === 'remainder').toBe(true);
    await api.caller.audit.undo({ batchId: event?.batchId ?? '' });
    const [restored] = (await api.caller.splits.rules.list({ partnershipId: f.partnershipId })).filter((r) => r.id === rule.id);
    expect(restored).toMatchObject({ shares: rule.shares, remainder: 'unfunded', version: 3 });
  });

  it('re-sending the same shares changes nothing and writes no audit event', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    const before = await counts(api.db);
    const same = await api.caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { shares: rule.shares } });
    expect(same.version).toBe(rule.version);
    expect((await counts(api.db)).auditEvent).toBe(before.auditEvent);
  });

  it('deletes with the version seen, and undo brings the rule back under its id', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    expect(await api.caller.splits.rules.delete({ id: rule.id, version: rule.version })).toEqual({ ok: true });
    expect((await api.caller.splits.rules.list({ partnershipId: f.partnershipId })).some((r) => r.id === rule.id)).toBe(false);
    const [event] = await api.caller.audit.list({ entity: 'split_rule', entityId: rule.id, limit: 1 });
    expect(event?.action).toBe('delete');
    await api.caller.audit.undo({ batchId: event?.batchId ?? '' });
    const back = (await api.caller.splits.rules.list({ partnershipId: f.partnershipId })).find((r) => r.id === rule.id);
    expect(back).toMatchObject({ name: rule.name, shares: rule.shares, remainder: rule.remainder, fixed: [] });
  });
});

describe('bad rules are refused with the field named, and nothing is written', () => {
  const cases: [string, () => CreateInput, string, RegExp][] = [
    [
      'shares over 100%',
      () =>
        ruleInput({
          shares: [
            { party: 'social_care', basisPoints: 7000 },
            { party: 'health', basisPoints: 4000 },
          ],
        }),
      'shares',
      /at most 10000 basis points.*got 11000/,
    ],
    [
      'an unknown party',
      () =>
        ruleInput({
          shares: [
            { party: 'social_care', basisPoints: 3000 },
            { party: 'health', basisPoints: 2000 },
            bad({ party: 'martians', basisPoints: 1000 }),
          ],
        }),
      'shares.2.party',
      /sector code .* or org:<id>.*got 'martians'/,
    ],
    ['a negative fixed part', () => ruleInput({ fixed: [{ party: 'health', pence: -500 }] }), 'fixed.0.pence', /from 0 up to/],
    [
      'a party twice',
      () =>
        ruleInput({
          shares: [
            { party: 'health', basisPoints: 1000 },
            { party: 'social_care', basisPoints: 1000 },
            { party: 'health', basisPoints: 1000 },
          ],
        }),
      'shares.2.party',
      /listed once/,
    ],
    [
      'an organisation that is not a member',
      () => ruleInput({ shares: [{ party: `org:${f.outsiderId}`, basisPoints: 5000 }] }),
      'shares.0.party',
      /not a member/,
    ],
    ['a remainder that is no policy', () => ruleInput({ remainder: bad('everyone') }), 'remainder', /unfunded.*normalise/],
    ['normalise with nothing to normalise by', () => ruleInput({ shares: [], remainder: 'normalise' }), 'shares', /nothing to normalise/],
    ['no name', () => ruleInput({ name: '' }), 'name', /Rule name/],
  ];
  for (const [what, input, path, message] of cases) {
    it(`create: ${what} (${path})`, async () => {
      const before = await counts(api.db);
      const error = await expectTrpcError(api.caller.splits.rules.create(input()), 'BAD_REQUEST');
      const errors = fieldErrorsOf(error);
      expect(errors.map((e) => e.path)).toContain(path);
      expect(errors.find((e) => e.path === path)?.message).toMatch(message);
      expect(await counts(api.db)).toEqual(before);
    });
  }

  it('update: the rule as it would be is checked, at the patch field', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    const before = await counts(api.db);
    const over = await expectTrpcError(
      api.caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { shares: [{ party: 'health', basisPoints: 10001 }] } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(over).map((e) => e.path)).toEqual(['patch.shares.0.basisPoints']);
    const twice = await expectTrpcError(
      api.caller.splits.rules.update({
        id: rule.id,
        version: rule.version,
        patch: {
          shares: [
            { party: 'health', basisPoints: 100 },
            { party: 'health', basisPoints: 100 },
          ],
        },
      }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(twice).map((e) => e.path)).toEqual(['patch.shares.1.party']);
    const outsider = await expectTrpcError(
      api.caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { remainder: `org:${f.outsiderId}` } }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(outsider).map((e) => e.path)).toEqual(['patch.remainder']);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a name already used in the partnership is refused at name', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    const before = await counts(api.db);
    const error = await expectTrpcError(api.caller.splits.rules.create(ruleInput({ name: rule.name })), 'BAD_REQUEST');
    expect(fieldErrorsOf(error).map((e) => e.path)).toEqual(['name']);
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('roles', () => {
  it('board members and finance officers read rules but may not change them; nothing is written', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    for (const role of ['board_member', 'finance_officer'] as const) {
      const { caller } = await api.userWith(role, [f.councilId]);
      expect((await caller.splits.rules.list({ partnershipId: f.partnershipId })).some((r) => r.id === rule.id)).toBe(true);
      const before = await counts(api.db);
      for (const call of [
        () => caller.splits.rules.create(ruleInput()),
        () => caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { name: 'Nope' } }),
        () => caller.splits.rules.delete({ id: rule.id, version: rule.version }),
      ]) {
        const error = await expectTrpcError(call(), 'FORBIDDEN');
        expect(error.message).toMatch(/only commissioners and administrators/);
      }
      expect(await counts(api.db)).toEqual(before);
    }
  });

  it('a commissioner of another partnership may not create, change or delete this one’s rules', async () => {
    const rule = await api.caller.splits.rules.create(ruleInput());
    const other = await makeFund(api, 'other');
    const { caller } = await api.userWith('commissioner', [other.councilId]);
    const before = await counts(api.db);
    await expectTrpcError(caller.splits.rules.create(ruleInput()), 'FORBIDDEN');
    for (const call of [
      () => caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { name: 'Nope' } }),
      () => caller.splits.rules.delete({ id: rule.id, version: rule.version }),
    ]) {
      // Another partnership's rule is answered as a rule that does not exist (issue 20): nothing of it in the refusal.
      const error = await expectTrpcError(call(), 'NOT_FOUND');
      expect(error.message).toBe(`No split rule with id ${rule.id}: it may have been deleted by someone else`);
    }
    expect(await counts(api.db)).toEqual(before);
  });

  it('a commissioner of the partnership may', async () => {
    const { caller } = await api.userWith('commissioner', [f.icbId]);
    const rule = await caller.splits.rules.create(ruleInput());
    const updated = await caller.splits.rules.update({ id: rule.id, version: rule.version, patch: { description: 'Agreed at board' } });
    await expect(caller.splits.rules.delete({ id: updated.id, version: updated.version })).resolves.toEqual({ ok: true });
  });
});
