// A person's notifications (issue "Conversation on the figures"): the list (own only, newest first, with who caused
// each), the unread count, marking read (one's own only: another's id is NOT_FOUND, naming it, and nothing changes),
// the email preference kept as a user setting, and a notification about a partnership one cannot see is never shown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notify, type NewNotification } from '../../db/repositories/notification.repository';
import { startMailWorker } from '../../server/mail/worker';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let other: Fixture;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'notes');
  other = await makeFund(api, 'elsewhere');
});
afterAll(async () => {
  await api.close();
});

/** Notifications as a comment would write them: through notify(), in a transaction. */
async function notifyIn(items: NewNotification[], at = new Date().toISOString()): Promise<number> {
  return api.db.transaction().execute((tx) => notify(tx, items, at));
}

function note(userId: number, text: string, extra: Partial<NewNotification> = {}): NewNotification {
  return {
    userId,
    kind: 'mention',
    partnershipId: f.partnershipId,
    fundId: f.fundId,
    actorId: api.admin.id,
    text,
    link: `/funds/${f.fundId}/contributions?thread=1`,
    ...extra,
  };
}

describe('notifications.list and unreadCount', () => {
  it('list only one’s own, newest first, with the name of who caused each; unreadOnly and limit apply', async () => {
    const ann = await api.userWith('finance_officer', [f.councilId]);
    const bob = await api.userWith('commissioner', [f.councilId]);
    await notifyIn([note(ann.user.id, 'First for Ann')], '2026-12-01T09:00:00.000Z');
    await notifyIn([note(ann.user.id, 'Second for Ann', { kind: 'reply', actorId: bob.user.id })], '2026-12-01T10:00:00.000Z');
    await notifyIn([note(bob.user.id, 'For Bob only')]);

    const list = await ann.caller.notifications.list({});
    expect(list.map((n) => n.text)).toEqual(['Second for Ann', 'First for Ann']);
    expect(list[0]).toMatchObject({
      kind: 'reply',
      actor: { id: bob.user.id, name: bob.user.name },
      fundId: f.fundId,
      link: `/funds/${f.fundId}/contributions?thread=1`,
      readAt: null,
      createdAt: '2026-12-01T10:00:00.000Z',
    });
    expect(list[1]?.actor).toEqual({ id: api.admin.id, name: api.admin.name });
    expect(await ann.caller.notifications.unreadCount()).toEqual({ unread: 2 });
    expect((await bob.caller.notifications.list({})).map((n) => n.text)).toEqual(['For Bob only']);
    expect((await ann.caller.notifications.list({ limit: 1 })).map((n) => n.text)).toEqual(['Second for Ann']);

    const [newest] = list;
    await ann.caller.notifications.markRead({ ids: [newest?.id ?? 0] });
    expect((await ann.caller.notifications.list({ unreadOnly: true })).map((n) => n.text)).toEqual(['First for Ann']);
    expect(await ann.caller.notifications.unreadCount()).toEqual({ unread: 1 });
  });

  it('never show a notification about a partnership the person cannot see (no longer a member)', async () => {
    const cara = await api.userWith('finance_officer', [f.councilId]);
    await notifyIn([note(cara.user.id, 'Seen'), note(cara.user.id, 'Not seen', { partnershipId: other.partnershipId })]);
    // notify() keeps one per person per call; the second call is another cause.
    await notifyIn([note(cara.user.id, 'Not seen', { partnershipId: other.partnershipId, fundId: other.fundId })]);
    expect((await cara.caller.notifications.list({})).map((n) => n.text)).toEqual(['Seen']);
    expect(await cara.caller.notifications.unreadCount()).toEqual({ unread: 1 });
  });

  it('never notify the person who caused it, and once per person per cause', async () => {
    const dan = await api.userWith('finance_officer', [f.councilId]);
    const written = await notifyIn([
      note(dan.user.id, 'Dan mentioned himself', { actorId: dan.user.id }),
      note(api.admin.id, 'Reply to admin', { kind: 'reply', actorId: dan.user.id }),
      note(api.admin.id, 'Answer to admin', { kind: 'answer', actorId: dan.user.id }),
    ]);
    expect(written).toBe(1);
    expect(await dan.caller.notifications.unreadCount()).toEqual({ unread: 0 });
    const [latest] = await api.caller.notifications.list({ limit: 1 });
    expect(latest).toMatchObject({ kind: 'answer', text: 'Answer to admin' });
  });
});

describe('notifications.markRead', () => {
  it('without ids mark all one’s own read, and nobody else’s', async () => {
    const eve = await api.userWith('board_member', [f.icbId]);
    const fay = await api.userWith('board_member', [f.icbId]);
    await notifyIn([note(eve.user.id, 'Eve 1'), note(fay.user.id, 'Fay 1')]);
    await notifyIn([note(eve.user.id, 'Eve 2')]);
    expect(await eve.caller.notifications.markRead({})).toEqual({ marked: 2 });
    expect(await eve.caller.notifications.unreadCount()).toEqual({ unread: 0 });
    expect(await fay.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    // Again: nothing newly read.
    expect(await eve.caller.notifications.markRead({})).toEqual({ marked: 0 });
    const [read] = await eve.caller.notifications.list({});
    expect(read?.readAt).not.toBeNull();
  });

  it('refuse another person’s id (or one that does not exist) as NOT_FOUND naming it, marking nothing', async () => {
    const gil = await api.userWith('finance_officer', [f.councilId]);
    const hal = await api.userWith('finance_officer', [f.councilId]);
    await notifyIn([note(gil.user.id, 'Gil’s'), note(hal.user.id, 'Hal’s')]);
    const [gils] = await gil.caller.notifications.list({});
    const [hals] = await hal.caller.notifications.list({});
    if (!gils || !hals) throw new Error('the notifications were not written');

    const readAtBefore = await api.db.selectFrom('notification').select(['id', 'readAt']).orderBy('id').execute();
    const before = await counts(api.db);
    const refusal = await expectTrpcError(gil.caller.notifications.markRead({ ids: [gils.id, hals.id] }), 'NOT_FOUND');
    expect(refusal.message).toContain(`No notification of yours with id ${hals.id}`);
    expect(refusal.message).toContain('nothing was marked');
    const missing = await expectTrpcError(gil.caller.notifications.markRead({ ids: [999_999] }), 'NOT_FOUND');
    expect(missing.message).toContain('id 999999');
    expect(await counts(api.db)).toEqual(before);
    expect(await api.db.selectFrom('notification').select(['id', 'readAt']).orderBy('id').execute()).toEqual(readAtBefore);
    expect(await gil.caller.notifications.unreadCount()).toEqual({ unread: 1 });
    expect(await hal.caller.notifications.unreadCount()).toEqual({ unread: 1 });
  });

  it('refuse ids that are not ids, naming the value', async () => {
    const ivy = await api.userWith('finance_officer', [f.councilId]);
    const before = await counts(api.db);
    const refusal = await expectTrpcError(ivy.caller.notifications.markRead(bad({ ids: ['all'] })), 'BAD_REQUEST');
    expect(fieldErrorsOf(refusal)[0]?.path).toBe('ids.0');
    expect(fieldErrorsOf(refusal)[0]?.message).toContain("'all'");
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('notifications.emailPreference', () => {
  it('default to immediate, are set and read back as the person’s own setting, and say whether email is sent', async () => {
    const jo = await api.userWith('commissioner', [f.councilId]);
    const kim = await api.userWith('commissioner', [f.councilId]);
    expect(await jo.caller.notifications.emailPreference()).toEqual({ email: 'immediate', sendsEmail: false });
    expect(await jo.caller.notifications.setEmailPreference({ email: 'daily' })).toEqual({ email: 'daily', sendsEmail: false });
    expect(await jo.caller.notifications.emailPreference()).toEqual({ email: 'daily', sendsEmail: false });
    expect(await jo.caller.settings.get({ key: 'notifications:email' })).toBe('daily');
    expect(await kim.caller.notifications.emailPreference()).toEqual({ email: 'immediate', sendsEmail: false });
    await jo.caller.notifications.setEmailPreference({ email: 'off' });
    expect((await jo.caller.notifications.emailPreference()).email).toBe('off');

    // A server with a mail worker (BCF_SMTP_URL set) says it sends email.
    const worker = startMailWorker({ db: api.db, send: async () => {}, publicUrl: 'http://localhost:1', intervalMs: 60_000 });
    try {
      expect(await jo.caller.notifications.emailPreference()).toEqual({ email: 'off', sendsEmail: true });
    } finally {
      await worker.stop();
    }
    expect((await jo.caller.notifications.emailPreference()).sendsEmail).toBe(false);
  });

  it('refuse a preference that is not one of the three, naming the value and the rule, writing nothing', async () => {
    const lee = await api.userWith('board_member', [f.icbId]);
    await lee.caller.notifications.setEmailPreference({ email: 'daily' });
    const before = await counts(api.db);
    const refusal = await expectTrpcError(lee.caller.notifications.setEmailPreference(bad({ email: 'hourly' })), 'BAD_REQUEST');
    expect(fieldErrorsOf(refusal)).toEqual([{ path: 'email', message: "Email must be one of immediate, daily, off, got 'hourly'" }]);
    expect(await counts(api.db)).toEqual(before);
    expect((await lee.caller.notifications.emailPreference()).email).toBe('daily');
  });

  it('are refused to someone not signed in', async () => {
    await expectTrpcError(api.anonymous.notifications.unreadCount(), 'UNAUTHORIZED');
    await expectTrpcError(api.anonymous.notifications.setEmailPreference({ email: 'off' }), 'UNAUTHORIZED');
  });
});
