// Bad input and misuse of conversation on the figures (issue "Conversation on the figures", item 4): each call below is
// refused with the code and a message naming the field, the value and the rule, and nothing is written (the row counts
// of every table, threads, comments, notifications and the audit log included, are the same before and after).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorDetails } from '../../server/trpc';
import { COMMENT_MAX_LENGTH, type ThreadView } from '../../shared/schema/comment';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type Caller, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let other: Fixture;
let finance: Caller;
let board: Caller;
let commissioner: Caller;
let otherCommissioner: Caller;
let outsider: { caller: Caller; id: number; name: string };
let rowId: number;
let otherFundRowId: number;
let thread: ThreadView;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'comment-misuse');
  other = await makeFund(api, 'comment-elsewhere');
  ({ caller: finance } = await api.userWith('finance_officer', [f.councilId], 'finance.comment-misuse@test.example'));
  ({ caller: board } = await api.userWith('board_member', [f.councilId, f.icbId], 'board.comment-misuse@test.example'));
  ({ caller: commissioner } = await api.userWith('commissioner', [f.councilId], 'commissioner.comment-misuse@test.example'));
  ({ caller: otherCommissioner } = await api.userWith('commissioner', [f.icbId], 'commissioner2.comment-misuse@test.example'));
  const made = await api.userWith('finance_officer', [f.outsiderId], 'pat.outsider@test.example');
  outsider = { caller: made.caller, id: made.user.id, name: made.user.name };
  const row = await finance.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 2,
    plannedPence: 500_00,
  });
  rowId = row.id;
  const elsewhere = await api.caller.contributions.create({
    fundId: other.fundId,
    orgId: other.councilId,
    source: 'la_better_care_grant',
    quarter: 1,
    plannedPence: 1,
  });
  otherFundRowId = elsewhere.id;
  thread = await finance.comments.start({
    fundId: f.fundId,
    target: { entity: 'contribution', id: rowId, field: 'plannedPence' },
    body: 'Is this right?',
  });
});
afterAll(async () => {
  await api.close();
});

/** Run a call that must be refused with `code`, and check that nothing at all was written. */
async function refusedWithNothingWritten(call: () => Promise<unknown>, code: Parameters<typeof expectTrpcError>[1]) {
  const before = await counts(api.db);
  const error = await expectTrpcError(call(), code);
  expect(await counts(api.db)).toEqual(before);
  return error;
}

const onRow = (field: string | null = 'plannedPence') => ({ entity: 'contribution' as const, id: rowId, field });

describe('what a comment may say', () => {
  it('an empty comment, or one of spaces, is refused naming the rule', async () => {
    for (const body of ['', '   \n ']) {
      const error = await refusedWithNothingWritten(
        () => finance.comments.start({ fundId: f.fundId, target: onRow(), body }),
        'BAD_REQUEST',
      );
      expect(fieldErrorsOf(error)).toEqual([
        { path: 'body', message: expect.stringContaining('Comment must be text of 1 to 10,000 characters') },
      ]);
      await refusedWithNothingWritten(() => board.comments.reply({ threadId: thread.id, body }), 'BAD_REQUEST');
    }
  });

  it('a comment over 10,000 characters is refused naming its length', async () => {
    const body = 'x'.repeat(COMMENT_MAX_LENGTH + 1);
    const error = await refusedWithNothingWritten(() => board.comments.reply({ threadId: thread.id, body }), 'BAD_REQUEST');
    // What the client is told (the error formatter's message).
    expect(errorDetails(error).message).toBe('Comment must be text of 1 to 10,000 characters, got a text of 10,001 characters');
    const comment = thread.comments[0];
    if (!comment) throw new Error('the thread has its first comment');
    await refusedWithNothingWritten(() => finance.comments.edit({ id: comment.id, version: comment.version, body }), 'BAD_REQUEST');
    // Exactly at the limit is accepted.
    await expect(board.comments.reply({ threadId: thread.id, body: 'y'.repeat(COMMENT_MAX_LENGTH) })).resolves.toMatchObject({
      body: 'y'.repeat(COMMENT_MAX_LENGTH),
    });
  });

  it('script and markup are stored and returned exactly as typed (the client shows them as text)', async () => {
    const body = `<script>alert('x')</script> <img src=x onerror="alert(1)"> **bold** &amp; {{7*7}}`;
    const reply = await board.comments.reply({ threadId: thread.id, body });
    expect(reply.body).toBe(body);
    const listed = await finance.comments.list({ fundId: f.fundId });
    expect(listed.find((t) => t.id === thread.id)?.comments.map((c) => c.body)).toContain(body);
  });
});

describe('who may be mentioned', () => {
  it('someone who cannot see the partnership is refused, named, at their place in the list', async () => {
    const { user: colleague } = await api.userWith('commissioner', [f.icbId], 'colleague.comment-misuse@test.example');
    const error = await refusedWithNothingWritten(
      () => finance.comments.start({ fundId: f.fundId, target: onRow(), body: 'Over to you', mentionUserIds: [colleague.id, outsider.id] }),
      'BAD_REQUEST',
    );
    const partnership = await api.caller.partnerships.get({ id: f.partnershipId });
    expect(fieldErrorsOf(error)).toEqual([
      {
        path: 'mentionUserIds.1',
        message: `${outsider.name} cannot see the ${partnership.name} partnership, so they cannot be mentioned here`,
      },
    ]);
    await refusedWithNothingWritten(
      () => board.comments.reply({ threadId: thread.id, body: 'Pat?', mentionUserIds: [outsider.id] }),
      'BAD_REQUEST',
    );
  });

  it('an unknown person is refused by their id', async () => {
    const error = await refusedWithNothingWritten(
      () => board.comments.reply({ threadId: thread.id, body: 'Who?', mentionUserIds: [987_654] }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([
      { path: 'mentionUserIds.0', message: 'Mentioned person 987654 is not a user of this tool, so they cannot be mentioned' },
    ]);
  });

  it('the list of people to mention holds no one who cannot see the partnership', async () => {
    const people = await board.comments.mentionable({ fundId: f.fundId });
    expect(people.map((p) => p.id)).not.toContain(outsider.id);
    expect(people.map((p) => p.id)).toContain(api.admin.id);
  });
});

describe('what a thread may be on', () => {
  it('a row that does not exist, or is in another fund, is refused', async () => {
    const missing = await refusedWithNothingWritten(
      () => finance.comments.start({ fundId: f.fundId, target: { entity: 'contribution', id: 999_999, field: null }, body: 'Hm' }),
      'NOT_FOUND',
    );
    expect(missing.message).toBe('No contribution with id 999999: it may have been deleted by someone else');
    const elsewhere = await refusedWithNothingWritten(
      () =>
        api.caller.comments.start({ fundId: f.fundId, target: { entity: 'contribution', id: otherFundRowId, field: null }, body: 'Hm' }),
      'NOT_FOUND',
    );
    expect(elsewhere.message).toContain(`No contribution with id ${otherFundRowId} in this fund`);
  });

  it('a field the row does not have is refused naming it and the figures it has', async () => {
    const error = await refusedWithNothingWritten(
      () => finance.comments.start({ fundId: f.fundId, target: onRow('q9Pence'), body: 'Hm' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(error)).toEqual([
      {
        path: 'target.field',
        message: expect.stringMatching(/^Figure ‘q9Pence’ is not a figure of a contribution: .*actualPence.*variancePence/),
      },
    ]);
  });

  it('a fund figure must be the fund itself, named, with its words', async () => {
    const wrongFund = await refusedWithNothingWritten(
      () =>
        board.comments.start({
          fundId: f.fundId,
          target: { entity: 'fund', id: other.fundId, field: 'board.totalPlanned' },
          body: 'Hm',
          label: 'Total planned',
        }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(wrongFund)[0]?.path).toBe('target.id');
    const unnamed = await refusedWithNothingWritten(
      () => board.comments.start({ fundId: f.fundId, target: { entity: 'fund', id: f.fundId, field: 'board.totalPlanned' }, body: 'Hm' }),
      'BAD_REQUEST',
    );
    expect(fieldErrorsOf(unnamed)).toEqual([{ path: 'label', message: expect.stringContaining('Figure name is required') }]);
  });

  it('a scenario line that is not the caller’s is answered exactly as a line that does not exist', async () => {
    const detail = await commissioner.scenarios.create({ fundId: f.fundId, name: 'Private idea', from: 'empty' });
    const withLine = await commissioner.scenarios.applyLines({
      scenarioId: detail.scenario.id,
      changes: [{ op: 'create', values: { label: 'Care package', source: 'la_better_care_grant', q1Pence: 5000, split: 'plan' } }],
    });
    const line = withLine.lines[0];
    if (!line) throw new Error('the scenario has its line');
    const missingId = line.id + 100_000;
    const notTheirs = await refusedWithNothingWritten(
      () =>
        otherCommissioner.comments.start({
          fundId: f.fundId,
          target: { entity: 'scenario_item', id: line.id, field: 'q1Pence' },
          body: 'Hm',
        }),
      'NOT_FOUND',
    );
    const missing = await refusedWithNothingWritten(
      () =>
        otherCommissioner.comments.start({
          fundId: f.fundId,
          target: { entity: 'scenario_item', id: missingId, field: 'q1Pence' },
          body: 'Hm',
        }),
      'NOT_FOUND',
    );
    expect(notTheirs.message).toBe(missing.message.replace(String(missingId), String(line.id)));
  });
});

describe('who may do what', () => {
  it('someone outside the partnership can neither list, start nor reply', async () => {
    await refusedWithNothingWritten(() => outsider.caller.comments.list({ fundId: f.fundId }), 'FORBIDDEN');
    await refusedWithNothingWritten(() => outsider.caller.comments.mentionable({ fundId: f.fundId }), 'FORBIDDEN');
    await refusedWithNothingWritten(
      () => outsider.caller.comments.start({ fundId: f.fundId, target: onRow(), body: 'Hello' }),
      'FORBIDDEN',
    );
    const reply = await refusedWithNothingWritten(
      () => outsider.caller.comments.reply({ threadId: thread.id, body: 'Hello' }),
      'NOT_FOUND',
    );
    expect(reply.message).toBe(`No comment thread with id ${thread.id}: it may have been deleted by someone else`);
    await refusedWithNothingWritten(() => outsider.caller.comments.resolve({ id: thread.id, version: thread.version }), 'NOT_FOUND');
  });

  it('another person’s comment cannot be edited or deleted', async () => {
    const comment = thread.comments[0];
    if (!comment) throw new Error('the thread has its first comment');
    const edit = await refusedWithNothingWritten(
      () => board.comments.edit({ id: comment.id, version: comment.version, body: 'Mine now' }),
      'FORBIDDEN',
    );
    expect(edit.message).toMatch(/^Only its author, .+, can edit this comment$/);
    const remove = await refusedWithNothingWritten(
      () => api.caller.comments.delete({ id: comment.id, version: comment.version }),
      'FORBIDDEN',
    );
    expect(remove.message).toMatch(/^Only its author, .+, can delete this comment$/);
  });

  it('a stale version is a conflict, for an edit, a delete, a resolution and a reopening', async () => {
    const fresh = await finance.comments.start({ fundId: f.fundId, target: onRow('actualPence'), body: 'First words' });
    const first = fresh.comments[0];
    if (!first) throw new Error('the thread has its first comment');
    await finance.comments.edit({ id: first.id, version: first.version, body: 'Second words' });
    await refusedWithNothingWritten(() => finance.comments.edit({ id: first.id, version: first.version, body: 'Third words' }), 'CONFLICT');
    await refusedWithNothingWritten(() => finance.comments.delete({ id: first.id, version: first.version }), 'CONFLICT');
    const resolved = await board.comments.resolve({ id: fresh.id, version: fresh.version });
    await refusedWithNothingWritten(() => commissioner.comments.resolve({ id: fresh.id, version: fresh.version }), 'CONFLICT');
    await board.comments.reopen({ id: resolved.id, version: resolved.version });
    await refusedWithNothingWritten(() => commissioner.comments.reopen({ id: resolved.id, version: resolved.version }), 'CONFLICT');
  });

  it('resolving a resolved thread, or editing a deleted comment, is refused naming the rule', async () => {
    const fresh = await finance.comments.start({ fundId: f.fundId, target: onRow('note'), body: 'Note this' });
    const resolved = await board.comments.resolve({ id: fresh.id, version: fresh.version });
    const again = await refusedWithNothingWritten(
      () => board.comments.resolve({ id: resolved.id, version: resolved.version }),
      'BAD_REQUEST',
    );
    expect(again.message).toBe(`Thread ${fresh.id} is already resolved: only an open thread can be resolved`);
    const first = fresh.comments[0];
    if (!first) throw new Error('the thread has its first comment');
    const deleted = await finance.comments.delete({ id: first.id, version: first.version });
    const edit = await refusedWithNothingWritten(
      () => finance.comments.edit({ id: deleted.id, version: deleted.version, body: 'Back' }),
      'BAD_REQUEST',
    );
    expect(edit.message).toBe(`Comment ${first.id} was deleted: a deleted comment cannot be edited`);
  });

  it('malformed input is refused before anything is read', async () => {
    await refusedWithNothingWritten(() => board.comments.reply(bad({ threadId: thread.id, body: 'x', extra: 1 })), 'BAD_REQUEST');
    await refusedWithNothingWritten(
      () => board.comments.start(bad({ fundId: f.fundId, target: { entity: 'invoice', id: 1, field: null }, body: 'x' })),
      'BAD_REQUEST',
    );
    await refusedWithNothingWritten(() => board.comments.start(bad({ fundId: f.fundId, target: onRow('<b>'), body: 'x' })), 'BAD_REQUEST');
  });

  it('a board member, who changes no figure, can comment and ask', async () => {
    const asked = await board.comments.start({ fundId: f.fundId, target: onRow('plannedPence'), body: 'Why so high?', isQuestion: true });
    expect(asked.createdBy.name).toMatch(/board_member/);
  });

  it('a comment cannot be undone from History: its author edits or deletes it instead', async () => {
    const said = await finance.comments.start({ fundId: f.fundId, target: onRow('actualPence'), body: 'To be undone?' });
    const batch = await api.db
      .selectFrom('auditEvent')
      .select('batchId')
      .where('entity', '=', 'comment_thread')
      .where('entityId', '=', said.id)
      .executeTakeFirstOrThrow();
    const error = await refusedWithNothingWritten(() => finance.audit.undo({ batchId: batch.batchId }), 'FORBIDDEN');
    expect(error.message).toBe(
      'A comment cannot be undone: its author can edit or delete it, and anyone who sees the thread can reopen or resolve it',
    );
  });
});
