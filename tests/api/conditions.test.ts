// conditions.*: a fund answers each national condition of its BCF year Yes or No with commentary (required for No).
// Every bad input is refused naming the field, with nothing written; an answer is audited and undone like any change.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'conditions');
});
afterAll(async () => {
  await api.close();
});

describe('national conditions answered per fund', () => {
  it('lists the four 2025/26 conditions in order, unanswered, for a 2025/26 fund', async () => {
    const conditions = await api.caller.conditions.list({ fundId: f.fundId });
    expect(conditions.map((c) => [c.code, c.answer, c.commentary, c.id, c.version])).toEqual([
      ['nc1', null, '', null, null],
      ['nc2', null, '', null, null],
      ['nc3', null, '', null, null],
      ['nc4', null, '', null, null],
    ]);
    expect(conditions[2]?.text).toBe(
      'Complying with grant and funding conditions, including maintaining the NHS minimum contribution to adult social care',
    );
  });

  it('a 2023-25 fund answers the 2023-25 conditions', async () => {
    const fund = await api.caller.funds.create({ partnershipId: f.partnershipId, name: 'Older fund', financialYear: '2024/25' });
    const conditions = await api.caller.conditions.list({ fundId: fund.id });
    expect(conditions.map((c) => c.code)).toEqual(['nc1', 'nc2', 'nc3', 'nc4']);
    expect(conditions[3]?.text).toBe('Investment in NHS commissioned out-of-hospital services');
  });

  it('answers, then updates with the version seen; a stale version or a blind overwrite is a CONFLICT', async () => {
    const { caller: commissioner } = await api.userWith('commissioner', [f.councilId]);
    const first = await commissioner.conditions.answer({
      fundId: f.fundId,
      conditionCode: 'nc1',
      answer: 'yes',
      commentary: 'Signed off by the HWB',
    });
    expect(first).toMatchObject({ code: 'nc1', answer: 'yes', commentary: 'Signed off by the HWB', version: 1 });
    expect(first.id).toBeGreaterThan(0);

    const second = await commissioner.conditions.answer({
      fundId: f.fundId,
      conditionCode: 'nc1',
      answer: 'no',
      commentary: 'Sign-off moved to the July board',
      version: 1,
    });
    expect(second).toMatchObject({ id: first.id, answer: 'no', commentary: 'Sign-off moved to the July board', version: 2 });

    const before = await counts(api.db);
    await expectTrpcError(
      commissioner.conditions.answer({ fundId: f.fundId, conditionCode: 'nc1', answer: 'yes', commentary: '', version: 1 }),
      'CONFLICT',
    );
    const blind = await expectTrpcError(
      commissioner.conditions.answer({ fundId: f.fundId, conditionCode: 'nc1', answer: 'yes', commentary: '' }),
      'CONFLICT',
    );
    expect(blind.message).toMatch(/Someone answered NC1/);
    expect(await counts(api.db)).toEqual(before);
    expect((await api.caller.conditions.list({ fundId: f.fundId }))[0]).toMatchObject({ answer: 'no', version: 2 });
  });

  it('every bad input is refused naming the field, and nothing is written', async () => {
    const { fundId } = await makeFund(api, 'bad');
    const before = await counts(api.db);
    const refused = async (input: Record<string, unknown>, path: string, text: RegExp) => {
      const error = await expectTrpcError(
        api.caller.conditions.answer({ fundId, conditionCode: 'nc1', answer: 'yes', commentary: '', ...input } as never),
        'BAD_REQUEST',
      );
      const problem = fieldErrorsOf(error).find((e) => e.path === path);
      expect(problem?.message, JSON.stringify(fieldErrorsOf(error))).toMatch(text);
    };
    await refused({ conditionCode: 'nc9' }, 'conditionCode', /^Condition 'nc9' is not a national condition of BCF year 2025\/26$/);
    await refused({ answer: 'no' }, 'commentary', /^Commentary is required when the answer is No$/);
    await refused({ answer: 'no', commentary: '   \n ' }, 'commentary', /^Commentary is required when the answer is No$/);
    await refused({ commentary: 'x'.repeat(4001) }, 'commentary', /Commentary/);
    await refused({ answer: 'maybe' }, 'answer', /Answer/);
    await refused({ conditionCode: 'NC1; drop table fund' }, 'conditionCode', /national condition/);
    await refused({ surprise: 1 }, 'surprise', /unknown field/);
    expect(await counts(api.db)).toEqual(before);
  });

  it('a board member is refused with FORBIDDEN; someone outside the partnership can neither read nor answer', async () => {
    const { caller: board } = await api.userWith('board_member', [f.councilId, f.icbId]);
    const { caller: outsider } = await api.userWith('commissioner', [f.outsiderId]);
    expect(await board.conditions.list({ fundId: f.fundId })).toHaveLength(4);
    const before = await counts(api.db);
    const error = await expectTrpcError(
      board.conditions.answer({ fundId: f.fundId, conditionCode: 'nc2', answer: 'yes', commentary: '' }),
      'FORBIDDEN',
    );
    expect(error.message).toMatch(/board_member/);
    await expectTrpcError(outsider.conditions.list({ fundId: f.fundId }), 'FORBIDDEN');
    await expectTrpcError(
      outsider.conditions.answer({ fundId: f.fundId, conditionCode: 'nc2', answer: 'yes', commentary: '' }),
      'FORBIDDEN',
    );
    await expectTrpcError(
      api.caller.conditions.answer({ fundId: 999_999, conditionCode: 'nc2', answer: 'yes', commentary: '' }),
      'NOT_FOUND',
    );
    expect(await counts(api.db)).toEqual(before);
  });

  it('an answer is audited and the person who gave it can undo it', async () => {
    const g = await makeFund(api, 'undo');
    const { caller: member } = await api.userWith('finance_officer', [g.councilId]);
    await member.conditions.answer({
      fundId: g.fundId,
      conditionCode: 'nc4',
      answer: 'yes',
      commentary: 'Attending the regional sessions',
    });
    const stack = await member.audit.stack({ fundId: g.fundId });
    expect(JSON.stringify(stack)).toMatch(/Answered national condition NC4/);
    await member.audit.undoLast({ fundId: g.fundId });
    expect((await member.conditions.list({ fundId: g.fundId }))[3]).toMatchObject({ answer: null, id: null });
    await member.audit.redoLast({ fundId: g.fundId });
    expect((await member.conditions.list({ fundId: g.fundId }))[3]).toMatchObject({
      answer: 'yes',
      commentary: 'Attending the regional sessions',
    });
  });
});

describe('the demo', () => {
  it("answers the borough BCF 2025/26 fund's four conditions Yes, marked illustrative, as the system", async () => {
    const demo = await openTestApi({ demo: true });
    try {
      const partnership = (await demo.caller.partnerships.list()).find((p) => p.name === 'Northbridge Better Care Fund');
      const fund = (await demo.caller.funds.list({ partnershipId: partnership?.id ?? 0 })).find((x) => x.financialYear === '2025/26');
      const conditions = await demo.caller.conditions.list({ fundId: fund?.id ?? 0 });
      expect(conditions.map((c) => [c.code, c.answer])).toEqual([
        ['nc1', 'yes'],
        ['nc2', 'yes'],
        ['nc3', 'yes'],
        ['nc4', 'yes'],
      ]);
      for (const c of conditions) expect(c.commentary).toMatch(/^Illustrative: /);
      const plan = await demo.caller.schemes.plan({ fundId: fund?.id ?? 0 });
      expect(plan.conditions?.map((c) => c.answer)).toEqual(['yes', 'yes', 'yes', 'yes']);
      const batches = await demo.db
        .selectFrom('batch')
        .select(['label', 'userId'])
        .where('label', 'like', 'Answered national condition%')
        .execute();
      expect(batches).toHaveLength(4);
      expect(batches.every((b) => b.userId === null)).toBe(true);
    } finally {
      await demo.close();
    }
  });
});
