// Conversation on the figures through the API (issue "Conversation on the figures"): a question on a contribution's
// figure asked by a board member, answered by the finance officer who keeps the row, resolved and reopened; edits,
// deletions and mentions; who is told of each step, and that no one is told of a thread they cannot see (a scenario's
// line is as private as the scenario, in the list, the notifications and History). Runs on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NotificationKind, ThreadView } from '../../shared/schema/comment';
import { counts, expectTrpcError, openTestApi, type Caller, type TestApi } from '../support/api';
import { makeFund, nameSignOffPeople, type Fixture } from './fixtures';

interface Person {
  caller: Caller;
  id: number;
  name: string;
}

let api: TestApi;
let f: Fixture;
let board: Person;
let councilFinance: Person;
let icbFinance: Person;
let commissioner: Person;
let icbCommissioner: Person;
let outsider: Person;
let councilRowId: number;

async function person(role: Parameters<TestApi['userWith']>[0], orgIds: number[], email: string): Promise<Person> {
  const { user, caller } = await api.userWith(role, orgIds, email);
  return { caller, id: user.id, name: user.name };
}

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'comments');
  board = await person('board_member', [f.councilId, f.icbId], 'board.comments@test.example');
  councilFinance = await person('finance_officer', [f.councilId], 'council.finance.comments@test.example');
  icbFinance = await person('finance_officer', [f.icbId], 'icb.finance.comments@test.example');
  commissioner = await person('commissioner', [f.councilId], 'commissioner.comments@test.example');
  icbCommissioner = await person('commissioner', [f.icbId], 'icb.commissioner.comments@test.example');
  outsider = await person('finance_officer', [f.outsiderId], 'outsider.comments@test.example');
  const row = await councilFinance.caller.contributions.create({
    fundId: f.fundId,
    orgId: f.councilId,
    source: 'la_better_care_grant',
    quarter: 2,
    plannedPence: 100_000_00,
  });
  councilRowId = row.id;
});
afterAll(async () => {
  await api.close();
});

/** A person's notifications, oldest first, read straight from the table the notification service writes. */
async function inbox(who: Person) {
  return api.db.selectFrom('notification').selectAll().where('userId', '=', who.id).orderBy('id').execute();
}

/** What each person has been told since `since` (a notification id), by kind, for the people given. */
async function toldSince(since: number, people: readonly Person[]): Promise<Record<string, NotificationKind[]>> {
  const out: Record<string, NotificationKind[]> = {};
  for (const p of people) {
    const rows = await api.db
      .selectFrom('notification')
      .select('kind')
      .where('userId', '=', p.id)
      .where('id', '>', since)
      .orderBy('id')
      .execute();
    out[p.name] = rows.map((r) => r.kind);
  }
  return out;
}

async function lastNotificationId(): Promise<number> {
  const row = await api.db.selectFrom('notification').select('id').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? 0;
}

const everyone = () => [board, councilFinance, icbFinance, commissioner, icbCommissioner, outsider];
const nobodyTold = () => Object.fromEntries(everyone().map((p) => [p.name, []]));

describe('a question on a figure, answered, resolved and reopened', () => {
  let question: ThreadView;

  it('a board member asks on Q2 actual; the finance officer who keeps the council’s row is told, no one else', async () => {
    const since = await lastNotificationId();
    question = await board.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'contribution', id: councilRowId, field: 'actualPence' },
      body: 'Why is Q2 under plan?',
      isQuestion: true,
    });
    expect(question).toMatchObject({ isQuestion: true, status: 'open', createdBy: { id: board.id, name: board.name }, resolvedBy: null });
    expect(question.label).toMatch(/^Actual \(£\) of the Testshire Council comments\d+ .+ Q2 \(Jul-Sep\) contribution$/);
    expect(question.target).toEqual({ entity: 'contribution', id: councilRowId, field: 'actualPence' });
    expect(question.comments.map((c) => [c.author.name, c.body])).toEqual([[board.name, 'Why is Q2 under plan?']]);
    expect(question.link).toBe(`/funds/${f.fundId}/contributions?thread=${question.id}`);

    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [councilFinance.name]: ['question'] });
    const [asked] = await inbox(councilFinance);
    expect(asked).toMatchObject({
      kind: 'question',
      text: `${board.name} asked a question on ${question.label}: “Why is Q2 under plan?”`,
      link: question.link,
      fundId: f.fundId,
      partnershipId: f.partnershipId,
      threadId: question.id,
      actorId: board.id,
      readAt: null,
    });
  });

  it('every member sees the thread in the list, with its comments oldest first', async () => {
    for (const who of [councilFinance, icbFinance, commissioner, board]) {
      const threads = await who.caller.comments.list({ fundId: f.fundId });
      expect(threads.map((t) => t.id)).toContain(question.id);
    }
  });

  it('the finance officer answers: the asker is told once, as an answer', async () => {
    const since = await lastNotificationId();
    const answer = await councilFinance.caller.comments.reply({ threadId: question.id, body: 'The invoice arrives in Q3.' });
    expect(answer).toMatchObject({
      threadId: question.id,
      author: { id: councilFinance.id },
      body: 'The invoice arrives in Q3.',
      editedAt: null,
    });
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [board.name]: ['answer'] });
    const told = (await inbox(board)).at(-1);
    expect(told?.text).toBe(`${councilFinance.name} answered your question on ${question.label}: “The invoice arrives in Q3.”`);
    expect(told?.commentId).toBe(answer.id);
  });

  it('the asker resolves it; a new reply reopens it and tells every earlier participant', async () => {
    const resolved = await board.caller.comments.resolve({ id: question.id, version: question.version });
    expect(resolved).toMatchObject({ status: 'resolved', resolvedBy: { id: board.id }, version: question.version + 1 });
    expect(resolved.resolvedAt).not.toBeNull();

    const since = await lastNotificationId();
    await icbFinance.caller.comments.reply({ threadId: question.id, body: 'The ICB’s share is on time.' });
    const [after] = (await board.caller.comments.list({ fundId: f.fundId })).filter((t) => t.id === question.id);
    expect(after).toMatchObject({ status: 'open', resolvedBy: null, resolvedAt: null });
    expect(after?.comments.map((c) => c.author.name)).toEqual([board.name, councilFinance.name, icbFinance.name]);
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [board.name]: ['answer'], [councilFinance.name]: ['reply'] });
  });

  it('resolve and reopen step the thread, each a batch of its own in History', async () => {
    const [current] = (await board.caller.comments.list({ fundId: f.fundId })).filter((t) => t.id === question.id);
    if (!current) throw new Error('the question is listed');
    const resolved = await commissioner.caller.comments.resolve({ id: current.id, version: current.version });
    const reopened = await board.caller.comments.reopen({ id: resolved.id, version: resolved.version });
    expect(reopened).toMatchObject({ status: 'open', resolvedBy: null });
    const batches = await api.db.selectFrom('batch').select(['kind', 'label']).where('fundId', '=', f.fundId).orderBy('at').execute();
    const labels = batches.filter((b) => b.kind === 'comment').map((b) => b.label);
    expect(labels).toEqual([
      `Asked a question on ${question.label}`,
      `Replied on ${question.label}`,
      `Resolved the question on ${question.label}`,
      `Replied on ${question.label}`,
      `Resolved the question on ${question.label}`,
      `Reopened the question on ${question.label}`,
    ]);
  });
});

describe('mentions, edits and deletions', () => {
  let thread: ThreadView;

  it('a mention tells the person mentioned, in words that name the figure', async () => {
    const since = await lastNotificationId();
    thread = await commissioner.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'contribution', id: councilRowId, field: 'plannedPence' },
      body: 'Can the ICB confirm its side of this?',
      mentionUserIds: [icbFinance.id],
    });
    expect(thread.isQuestion).toBe(false);
    expect(thread.comments[0]?.mentions).toEqual([{ id: icbFinance.id, name: icbFinance.name }]);
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [icbFinance.name]: ['mention'] });
    expect((await inbox(icbFinance)).at(-1)?.text).toBe(
      `${commissioner.name} mentioned you on ${thread.label}: “Can the ICB confirm its side of this?”`,
    );
  });

  it('a participant who is mentioned in a reply hears of it once, as a mention', async () => {
    const since = await lastNotificationId();
    await icbFinance.caller.comments.reply({
      threadId: thread.id,
      body: 'Confirmed; the council should check too.',
      mentionUserIds: [commissioner.id],
    });
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [commissioner.name]: ['mention'] });
  });

  it('a long comment is quoted in a notification up to about 140 characters, cut at a word', async () => {
    const long = `${'The quarter two figure reflects the delayed invoice from the provider '.repeat(5)}and more.`;
    await icbFinance.caller.comments.reply({ threadId: thread.id, body: long, mentionUserIds: [board.id] });
    const text = (await inbox(board)).at(-1)?.text ?? '';
    const quoted = text.slice(text.indexOf('“') + 1, text.lastIndexOf('”'));
    expect(quoted.endsWith('…')).toBe(true);
    expect(quoted.length).toBeLessThanOrEqual(141);
    expect(quoted.length).toBeGreaterThan(100);
    expect(long.startsWith(quoted.slice(0, -1))).toBe(true);
    expect(long[quoted.length - 1]).toBe(' ');
  });

  it('an edit changes the text and tells only the people newly mentioned', async () => {
    const first = thread.comments[0];
    if (!first) throw new Error('the thread has its first comment');
    const since = await lastNotificationId();
    const edited = await commissioner.caller.comments.edit({
      id: first.id,
      version: first.version,
      body: 'Can the ICB and the council confirm their sides?',
      mentionUserIds: [icbFinance.id, councilFinance.id],
    });
    expect(edited).toMatchObject({ body: 'Can the ICB and the council confirm their sides?', version: first.version + 1 });
    expect(edited.editedAt).not.toBeNull();
    expect(edited.mentions.map((m) => m.id)).toEqual([icbFinance.id, councilFinance.id]);
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [councilFinance.name]: ['mention'] });
  });

  it('a deletion keeps the comment’s place with its text emptied; the text stays in the audit log', async () => {
    const first = (await commissioner.caller.comments.list({ fundId: f.fundId })).find((t) => t.id === thread.id)?.comments[0];
    if (!first) throw new Error('the thread has its first comment');
    const deleted = await commissioner.caller.comments.delete({ id: first.id, version: first.version });
    expect(deleted).toMatchObject({ id: first.id, body: '', mentions: [] });
    expect(deleted.deletedAt).not.toBeNull();
    const listed = (await board.caller.comments.list({ fundId: f.fundId })).find((t) => t.id === thread.id);
    expect(listed?.comments.map((c) => [c.id, c.body])).toEqual([
      [first.id, ''],
      [expect.any(Number), 'Confirmed; the council should check too.'],
      [expect.any(Number), expect.stringMatching(/^The quarter two figure/)],
    ]);
    const events = await board.caller.audit.list({ entity: 'comment', entityId: first.id });
    const bodies = events.filter((e) => e.field === 'body').map((e) => [e.oldValue, e.newValue]);
    expect(bodies).toContainEqual(['Can the ICB and the council confirm their sides?', '']);
  });
});

describe('who answers a question', () => {
  it('on a scheme, its last editor; on a fund figure with no editor, the partnership’s commissioners', async () => {
    const { rows } = await icbCommissioner.caller.schemes.applyBatch({
      fundId: f.fundId,
      changes: [
        { op: 'create', values: { code: 'C1', name: 'Reablement', fundingSource: 'la_better_care_grant', q2PlannedPence: 50_000_00 } },
      ],
    });
    const scheme = rows[0];
    if (!scheme) throw new Error('the scheme was made');
    let since = await lastNotificationId();
    const onScheme = await board.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'scheme', id: scheme.id, field: 'q2PlannedPence' },
      body: 'Is reablement fully staffed?',
      isQuestion: true,
    });
    expect(onScheme.label).toBe('Q2 planned (£) of scheme C1 (Reablement)');
    expect(onScheme.link).toBe(`/funds/${f.fundId}/plan?thread=${onScheme.id}`);
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [icbCommissioner.name]: ['question'] });

    since = await lastNotificationId();
    const onFund = await board.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'fund', id: f.fundId, field: 'board.totalPlanned' },
      label: 'Total planned of Better Care Fund',
      body: 'Does this include the uplift?',
      isQuestion: true,
    });
    expect(onFund).toMatchObject({
      label: 'Total planned of Better Care Fund',
      target: { entity: 'fund', id: f.fundId, field: 'board.totalPlanned' },
    });
    expect(onFund.link).toBe(`/partnerships/${f.partnershipId}/board-pack?fund=${f.fundId}&thread=${onFund.id}`);
    expect(await toldSince(since, everyone())).toEqual({
      ...nobodyTold(),
      [commissioner.name]: ['question'],
      [icbCommissioner.name]: ['question'],
    });
  });
});

describe('who answers a question the keeper asks', () => {
  it('the keeper of a row asking about it is not told; the last editor is the asker too, so the commissioners are', async () => {
    const since = await lastNotificationId();
    await councilFinance.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'contribution', id: councilRowId, field: 'note' },
      body: 'Should the note say why?',
      isQuestion: true,
    });
    expect(await toldSince(since, everyone())).toEqual({
      ...nobodyTold(),
      [commissioner.name]: ['question'],
      [icbCommissioner.name]: ['question'],
    });
  });
});

describe('a thread on a scenario’s line is as private as the scenario', () => {
  let thread: ThreadView;
  let scenarioId: number;

  beforeAll(async () => {
    const detail = await commissioner.caller.scenarios.create({ fundId: f.fundId, name: 'Private idea', from: 'empty' });
    scenarioId = detail.scenario.id;
    const withLine = await commissioner.caller.scenarios.applyLines({
      scenarioId,
      changes: [{ op: 'create', values: { label: 'Night sitting', source: 'la_better_care_grant', q1Pence: 5000, split: 'plan' } }],
    });
    const line = withLine.lines[0];
    if (!line) throw new Error('the scenario has its line');
    thread = await commissioner.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'scenario_item', id: line.id, field: 'q1Pence' },
      body: 'Check the night rate before promoting',
      mentionUserIds: [api.admin.id],
    });
  });

  it('only its owner and administrators list it, or can be mentioned in it', async () => {
    expect(thread.link).toBe(`/partnerships/${f.partnershipId}/splits?fund=${f.fundId}&scenario=${scenarioId}&thread=${thread.id}`);
    expect((await commissioner.caller.comments.list({ fundId: f.fundId })).map((t) => t.id)).toContain(thread.id);
    expect((await api.caller.comments.list({ fundId: f.fundId })).map((t) => t.id)).toContain(thread.id);
    for (const who of [board, councilFinance, icbCommissioner]) {
      expect((await who.caller.comments.list({ fundId: f.fundId })).map((t) => t.id)).not.toContain(thread.id);
    }
    const mentionable = await commissioner.caller.comments.mentionable({ fundId: f.fundId, scenarioId });
    expect(mentionable.map((p) => p.id).sort()).toEqual([api.admin.id, commissioner.id].sort());
    await expectTrpcError(icbCommissioner.caller.comments.mentionable({ fundId: f.fundId, scenarioId }), 'NOT_FOUND');
    const before = await counts(api.db);
    await expectTrpcError(
      commissioner.caller.comments.reply({ threadId: thread.id, body: 'Board, look', mentionUserIds: [board.id] }),
      'BAD_REQUEST',
    );
    expect(await counts(api.db)).toEqual(before);
  });

  it('may be on a figure the grid works out: a partner’s share of the line', async () => {
    const onShare = await commissioner.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'scenario_item', id: thread.target.id, field: `org${f.councilId}` },
      body: 'Too much for the council?',
    });
    expect(onShare.label).toMatch(/^Testshire Council comments\d+ pays \(£\) of the cost line ‘Night sitting’$/);
    const onTotal = await commissioner.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'scenario_item', id: thread.target.id, field: 'costTotal' },
      body: 'Total?',
    });
    expect(onTotal.label).toBe('Cost (£) of the cost line ‘Night sitting’');
  });

  it('others can neither reply to it nor resolve it: it is answered as a thread that does not exist', async () => {
    const reply = await expectTrpcError(board.caller.comments.reply({ threadId: thread.id, body: 'Seen it' }), 'NOT_FOUND');
    expect(reply.message).toBe(`No comment thread with id ${thread.id}: it may have been deleted by someone else`);
    await expectTrpcError(icbCommissioner.caller.comments.resolve({ id: thread.id, version: thread.version }), 'NOT_FOUND');
  });

  it('a reply tells the owner only; its batches are the scenario’s and its events are private in History', async () => {
    const since = await lastNotificationId();
    await api.caller.comments.reply({ threadId: thread.id, body: 'The rate is right.' });
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [commissioner.name]: ['reply'] });

    const batches = await api.db
      .selectFrom('batch')
      .select('scenarioId')
      .where('kind', '=', 'comment')
      .where('label', 'like', '%Night sitting%')
      .execute();
    expect(batches.length).toBe(4); // three threads started on the line, and one reply
    expect(batches.every((b) => b.scenarioId === scenarioId)).toBe(true);

    const ids = (events: { entity: string; entityId: number }[]) =>
      events.filter((e) => e.entity === 'comment_thread' && e.entityId === thread.id).length;
    const owners = await commissioner.caller.audit.list({ fundId: f.fundId, limit: 1000 });
    expect(ids(owners)).toBeGreaterThan(0);
    expect(owners.some((e) => e.entity === 'comment' && e.newValue === 'The rate is right.')).toBe(true);
    expect(ids(await api.caller.audit.list({ fundId: f.fundId, limit: 1000 }))).toBeGreaterThan(0);
    for (const who of [board, councilFinance, icbCommissioner]) {
      const seen = await who.caller.audit.list({ fundId: f.fundId, limit: 1000 });
      expect(ids(seen), who.name).toBe(0);
      expect(
        seen.some((e) => e.entity === 'comment' && e.newValue === 'The rate is right.'),
        who.name,
      ).toBe(false);
      // Their History still has the fund's public conversation.
      expect(
        seen.some((e) => e.entity === 'comment_thread'),
        who.name,
      ).toBe(true);
    }
  });
});

describe('a scenario deleted with threads on its lines', () => {
  it('takes its threads with it, and undoing the deletion brings them back', async () => {
    const detail = await commissioner.caller.scenarios.create({ fundId: f.fundId, name: 'Short-lived', from: 'empty' });
    const withLine = await commissioner.caller.scenarios.applyLines({
      scenarioId: detail.scenario.id,
      changes: [{ op: 'create', values: { label: 'Day centre', source: 'la_better_care_grant', q2Pence: 700, split: 'plan' } }],
    });
    const line = withLine.lines[0];
    if (!line) throw new Error('the scenario has its line');
    const thread = await commissioner.caller.comments.start({
      fundId: f.fundId,
      target: { entity: 'scenario_item', id: line.id, field: null },
      body: 'Is the day centre still open?',
    });
    await api.caller.comments.reply({ threadId: thread.id, body: 'Until March.' });
    await commissioner.caller.scenarios.delete({ id: withLine.scenario.id, version: withLine.scenario.version });
    expect((await commissioner.caller.comments.list({ fundId: f.fundId })).map((t) => t.id)).not.toContain(thread.id);

    const deletion = await api.db
      .selectFrom('batch')
      .select('id')
      .where('scenarioId', '=', detail.scenario.id)
      .where('label', 'like', 'Deleted scenario%')
      .executeTakeFirstOrThrow();
    await commissioner.caller.audit.undo({ batchId: deletion.id });
    const back = (await commissioner.caller.comments.list({ fundId: f.fundId })).find((t) => t.id === thread.id);
    expect(back?.comments.map((c) => c.body)).toEqual(['Is the day centre still open?', 'Until March.']);
  });
});

describe('the other notifications this server writes', () => {
  it('a save refused as a conflict tells the person whose change it collided with, and never the one refused', async () => {
    const { caller: colleague, user } = await api.userWith('finance_officer', [f.councilId], 'colleague.comments@test.example');
    const row = await councilFinance.caller.contributions.create({
      fundId: f.fundId,
      orgId: f.councilId,
      source: 'dfg',
      quarter: 3,
      plannedPence: 10_00,
    });
    await councilFinance.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 20_00 } });
    const since = await lastNotificationId();
    await expectTrpcError(colleague.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 30_00 } }), 'CONFLICT');
    expect(await toldSince(since, everyone())).toEqual({ ...nobodyTold(), [councilFinance.name]: ['conflict'] });
    const told = (await inbox(councilFinance)).at(-1);
    expect(told?.text).toMatch(
      new RegExp(
        `^${user.name} tried to change the Testshire Council comments\\d+ .+ Q3 \\(Oct-Dec\\) contribution after you did; their change was not saved$`,
      ),
    );
    expect(told).toMatchObject({ link: `/funds/${f.fundId}/contributions`, actorId: user.id, fundId: f.fundId });

    // Their own stale save: no one to tell.
    const mine = await lastNotificationId();
    await expectTrpcError(
      councilFinance.caller.contributions.update({ id: row.id, version: row.version, patch: { plannedPence: 40_00 } }),
      'CONFLICT',
    );
    expect(await lastNotificationId()).toBe(mine);
  });

  it('a plan sent for sign-off tells each person named to sign it', async () => {
    const people = await nameSignOffPeople(api, f, 'comments');
    const named = await Promise.all(
      Object.values(people).map(async (caller) => {
        const me = await caller.auth.me();
        if (!me.user) throw new Error('signed in');
        return me.user;
      }),
    );
    await api.caller.contributions.create({ fundId: f.fundId, orgId: f.icbId, source: 'nhs_minimum', quarter: 1, plannedPence: 200_00 });
    const since = await lastNotificationId();
    await councilFinance.caller.submissions.send({ fundId: f.fundId, kind: 'plan' });
    const told = await api.db.selectFrom('notification').selectAll().where('id', '>', since).orderBy('userId').execute();
    // The chief executives and the section 151 officer sign; the board's approver records the approval later.
    const signers = named.filter((u) => !u.email.startsWith('chair.'));
    expect(told.map((n) => n.userId).sort()).toEqual(signers.map((u) => u.id).sort());
    for (const n of told) {
      expect(n).toMatchObject({ kind: 'signature_requested', link: `/funds/${f.fundId}/sign-off`, actorId: councilFinance.id });
      expect(n.text).toMatch(
        new RegExp(`^${councilFinance.name} sent the plan of Better Care Fund \\(version 1\\) for sign-off: your signature is needed as `),
      );
    }
  });

  it('no one outside the partnership was ever told anything', async () => {
    expect(await inbox(outsider)).toEqual([]);
  });
});
