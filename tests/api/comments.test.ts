// Conversation on the figures through the API (issue "Conversation on the figures"): a question on a contribution's
// figure asked by a board member, answered by the finance officer who keeps the row, resolved and reopened; replies
// and mentions telling the right people, and never anyone who cannot see the thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let board: { caller: Caller; id: number; name: string };
let councilFinance: { caller: Caller; id: number; name: string };
let contributionId: number;

const person = async (role: Parameters<TestApi['userWith']>[0], orgIds: number[], email: string) => {
  const { user, caller } = await api.userWith(role, orgIds, email);
  return { caller, id: user.id, name: user.name };
};

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'comments');
  board = await person('board_member', [f.councilId, f.icbId], 'board.comments@test.example');
  councilFinance = await person('finance_officer', [f.councilId], 'council.finance.comments@test.example');
  const row = await councilFinance.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 2,
    plannedPence: 100_000_00,
  });
  contributionId = row.id;
});
afterAll(async () => {
  await api.close();
});

async function inbox(userId: number) {
  return api.db.selectFrom('notification').selectAll().where('userId', '=', userId).orderBy('id').execute();
}

describe('a question on a figure', () => {
  it('is started by a board member, listed, answered, and the asker told of the answer', async () => {
    const thread = await board.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'contribution', id: contributionId, field: 'actualPence' },
      body: 'Why is Q2 under plan?',
      isQuestion: true,
    });
    expect(thread.isQuestion).toBe(true);
    expect(thread.status).toBe('open');
    expect(thread.label).toMatch(/^Actual \(£\) of the Testshire Council comments\d+ .* Q2 \(Jul-Sep\) contribution$/);
    expect(thread.comments.map((c) => [c.author.name, c.body])).toEqual([[board.name, 'Why is Q2 under plan?']]);
    expect(thread.link).toBe(`/funds/${f.fundId}/contributions?thread=${thread.id}`);

    const listed = await councilFinance.caller.comments.list({ fundId: f.fundId });
    expect(listed.map((t) => t.id)).toEqual([thread.id]);

    const asked = await inbox(councilFinance.id);
    expect(asked.map((n) => n.kind)).toEqual(['question']);
    expect(asked[0]?.text).toBe(`${board.name} asked a question on ${thread.label}: “Why is Q2 under plan?”`);

    const answer = await councilFinance.caller.comments.reply({ threadId: thread.id, body: 'The invoice arrives in Q3.' });
    expect(answer.author.id).toBe(councilFinance.id);
    const told = await inbox(board.id);
    expect(told.map((n) => [n.kind, n.threadId, n.commentId])).toEqual([['answer', thread.id, answer.id]]);
  });

  it('offers everyone who can see the partnership to mention', async () => {
    const people = await board.caller.comments.mentionable({ fundId: f.fundId });
    const ids = people.map((p) => p.id);
    expect(ids).toEqual(expect.arrayContaining([board.id, councilFinance.id, api.admin.id]));
  });
});
