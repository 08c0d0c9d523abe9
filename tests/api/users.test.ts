// users.* for administrators: create (a generated password shown once), update role, organisations and disabled
// (versioned), reset a password (ending every session), and the validation that keeps bad input out, writing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashToken } from '../../server/auth/cookies';
import { createCaller } from '../../server/router';
import { errorDetails } from '../../server/trpc';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, testContext, TEST_PASSWORD, type TestApi } from '../support/api';
import { bad, makeFund, type Fixture } from './fixtures';

let api: TestApi;
let f: Fixture;
let serial = 0;

beforeAll(async () => {
  api = await openTestApi();
  f = await makeFund(api, 'users');
});
afterAll(async () => {
  await api.close();
});

/** Sign in as a fresh browser from a fresh address; returns the result and the session token it was given. */
async function signIn(email: string, password: string) {
  serial += 1;
  const ctx = testContext(api.db, null, { clientAddress: `10.1.0.${serial}` });
  const result = await createCaller(ctx).auth.login({ email, password });
  const token = /^bcf_session=([^;]+)/.exec(ctx.cookies[0] ?? '')?.[1] ?? '';
  expect(token).not.toBe('');
  return { ...result, token };
}

async function signInFails(email: string, password: string) {
  serial += 1;
  const ctx = testContext(api.db, null, { clientAddress: `10.1.0.${serial}` });
  return expectTrpcError(createCaller(ctx).auth.login({ email, password }), 'UNAUTHORIZED');
}

async function sessionsOf(userId: number) {
  return api.db.selectFrom('session').select('tokenHash').where('userId', '=', userId).execute();
}

/** Expect a call to fail with BAD_REQUEST naming `path`, writing nothing; returns the field error. */
async function expectRefused(call: () => Promise<unknown>, path: string) {
  const before = await counts(api.db);
  const error = await expectTrpcError(call(), 'BAD_REQUEST');
  const fieldError = fieldErrorsOf(error).find((e) => e.path === path);
  expect(fieldErrorsOf(error), `expected a field error at ${path}`).toEqual(expect.arrayContaining([expect.objectContaining({ path })]));
  expect(await counts(api.db)).toEqual(before);
  return fieldError?.message ?? '';
}

describe('users.create', () => {
  it('returns a generated password once; it works for sign-in and is not listed anywhere afterwards', async () => {
    const { user, password } = await api.caller.users.create({
      email: 'New.Officer@Test.Example',
      name: 'New Officer',
      role: 'finance_officer',
      orgIds: [f.councilId, f.councilId],
    });
    expect(user).toEqual(
      expect.objectContaining({
        email: 'new.officer@test.example',
        name: 'New Officer',
        role: 'finance_officer',
        orgIds: [f.councilId],
        disabled: false,
        version: 1,
      }),
    );
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    const signedIn = await signIn('new.officer@test.example', password ?? '');
    expect(signedIn.user).toEqual({
      id: user.id,
      name: 'New Officer',
      email: 'new.officer@test.example',
      role: 'finance_officer',
      orgIds: [f.councilId],
    });
    const listed = (await api.caller.users.list()).find((u) => u.id === user.id);
    expect(listed).toEqual(user);
    expect(JSON.stringify(await api.caller.users.list())).not.toContain(password ?? 'x');
    // Each generated password is different.
    const other = await api.caller.users.create({ email: 'other.officer@test.example', name: 'Other', role: 'board_member', orgIds: [] });
    expect(other.password).not.toBe(password);
  });

  it('with a chosen password returns no password, and the chosen one works', async () => {
    const { user, password } = await api.caller.users.create({
      email: 'chosen@test.example',
      name: 'Chosen',
      role: 'commissioner',
      orgIds: [f.icbId],
      password: TEST_PASSWORD,
    });
    expect(password).toBeNull();
    expect((await signIn(user.email, TEST_PASSWORD)).user.role).toBe('commissioner');
  });

  it('refuses a duplicate email (in any case), naming the field, writing nothing', async () => {
    await api.caller.users.create({ email: 'taken@test.example', name: 'Taken', role: 'board_member', orgIds: [] });
    const message = await expectRefused(
      () => api.caller.users.create({ email: 'TAKEN@test.example', name: 'Again', role: 'board_member', orgIds: [] }),
      'email',
    );
    expect(message).toMatch(/Email must be unique: 'taken@test.example' already has an account/);
  });

  it('refuses a role that does not exist, naming the field and the allowed roles, writing nothing', async () => {
    const message = await expectRefused(
      () => api.caller.users.create(bad({ email: 'bad.role@test.example', name: 'Bad', role: 'superuser', orgIds: [] })),
      'role',
    );
    expect(message).toMatch(/^Role must be one of admin, finance_officer, commissioner, board_member, got 'superuser'/);
  });

  it('refuses a bad email, an unknown organisation, a short password and an unknown field, each writing nothing', async () => {
    expect(
      await expectRefused(() => api.caller.users.create({ email: 'not-an-email', name: 'X', role: 'board_member', orgIds: [] }), 'email'),
    ).toMatch(/Email must be an email address/);
    expect(
      await expectRefused(
        () => api.caller.users.create({ email: 'org.less@test.example', name: 'X', role: 'board_member', orgIds: [f.councilId, 99_999] }),
        'orgIds.1',
      ),
    ).toMatch(/Organisation 99999 does not exist/);
    expect(
      await expectRefused(
        () => api.caller.users.create({ email: 'short.pw@test.example', name: 'X', role: 'board_member', orgIds: [], password: 'short' }),
        'password',
      ),
    ).toMatch(/at least 12 characters/);
    await expectRefused(
      () =>
        api.caller.users.create(
          bad({ email: 'hash@test.example', name: 'X', role: 'admin', orgIds: [], passwordHash: 'scrypt$1$1$1$a$b' }),
        ),
      'passwordHash',
    );
  });
});

describe('users.update', () => {
  it('changes role, organisations and disabled with the version; a stale version is a CONFLICT with the current row', async () => {
    const { user } = await api.caller.users.create({
      email: 'changing@test.example',
      name: 'Changing',
      role: 'board_member',
      orgIds: [f.councilId],
      password: TEST_PASSWORD,
    });
    const promoted = await api.caller.users.update({
      id: user.id,
      version: user.version,
      patch: { role: 'finance_officer', orgIds: [f.icbId] },
    });
    expect(promoted).toEqual(expect.objectContaining({ role: 'finance_officer', orgIds: [f.icbId], version: user.version + 1 }));
    // The next sign-in carries the new role and organisations.
    expect((await signIn(user.email, TEST_PASSWORD)).user).toEqual(expect.objectContaining({ role: 'finance_officer', orgIds: [f.icbId] }));

    // A stale version: CONFLICT, the current row in the error's data, nothing written.
    const before = await counts(api.db);
    const conflict = await expectTrpcError(
      api.caller.users.update({ id: user.id, version: user.version, patch: { role: 'admin' } }),
      'CONFLICT',
    );
    const current = errorDetails(conflict).current as { role?: unknown; version?: unknown } | undefined;
    expect(current).toEqual(expect.objectContaining({ role: 'finance_officer', version: promoted.version }));
    expect(JSON.stringify(current)).not.toContain('scrypt$');
    expect(await counts(api.db)).toEqual(before);
    expect((await api.caller.users.list()).find((u) => u.id === user.id)?.role).toBe('finance_officer');

    // Disable, then enable again.
    const disabled = await api.caller.users.update({ id: user.id, version: promoted.version, patch: { disabled: true } });
    expect(disabled.disabled).toBe(true);
    expect((await signInFails(user.email, TEST_PASSWORD)).message).toMatch(/disabled/);
    const enabled = await api.caller.users.update({ id: user.id, version: disabled.version, patch: { disabled: false } });
    expect(enabled.disabled).toBe(false);
    expect((await signIn(user.email, TEST_PASSWORD)).user.id).toBe(user.id);
  });

  it('disabling a user ends all their sessions', async () => {
    const { user } = await api.caller.users.create({
      email: 'two.browsers@test.example',
      name: 'Two',
      role: 'board_member',
      orgIds: [],
      password: TEST_PASSWORD,
    });
    await signIn(user.email, TEST_PASSWORD);
    await signIn(user.email, TEST_PASSWORD);
    expect(await sessionsOf(user.id)).toHaveLength(2);
    await api.caller.users.update({ id: user.id, version: user.version, patch: { disabled: true } });
    expect(await sessionsOf(user.id)).toEqual([]);
  });

  it('an admin cannot disable themselves or drop their own admin role; nothing is written', async () => {
    const [me] = (await api.caller.users.list()).filter((u) => u.id === api.admin.id);
    if (!me) throw new Error('admin not listed');
    expect(
      await expectRefused(() => api.caller.users.update({ id: me.id, version: me.version, patch: { disabled: true } }), 'patch.disabled'),
    ).toMatch(/cannot disable your own account/);
    await expectRefused(() => api.caller.users.update({ id: me.id, version: me.version, patch: { role: 'board_member' } }), 'patch.role');
    // Another admin may disable them.
    const { caller: otherAdmin } = await api.userWith('admin', []);
    const { user: victim } = await api.caller.users.create({
      email: 'second.admin@test.example',
      name: 'Second',
      role: 'admin',
      orgIds: [],
    });
    await expect(otherAdmin.users.update({ id: victim.id, version: victim.version, patch: { disabled: true } })).resolves.toEqual(
      expect.objectContaining({ disabled: true }),
    );
  });

  it('refuses a duplicate email, an unknown organisation, a bad role and an unknown user, writing nothing', async () => {
    const { user } = await api.caller.users.create({ email: 'renaming@test.example', name: 'Renaming', role: 'board_member', orgIds: [] });
    await api.caller.users.create({ email: 'occupied@test.example', name: 'Occupied', role: 'board_member', orgIds: [] });
    expect(
      await expectRefused(
        () => api.caller.users.update({ id: user.id, version: user.version, patch: { email: 'occupied@test.example' } }),
        'patch.email',
      ),
    ).toMatch(/must be unique/);
    await expectRefused(
      () => api.caller.users.update({ id: user.id, version: user.version, patch: { orgIds: [424_242] } }),
      'patch.orgIds.0',
    );
    expect(
      await expectRefused(
        () => api.caller.users.update(bad({ id: user.id, version: user.version, patch: { role: 'owner' } })),
        'patch.role',
      ),
    ).toMatch(/Role must be one of/);
    const before = await counts(api.db);
    await expectTrpcError(api.caller.users.update({ id: 987_654, version: 1, patch: { name: 'Ghost' } }), 'NOT_FOUND');
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('users.resetPassword', () => {
  it('the old password stops working, the new one works, and every session of the user ends', async () => {
    const { user } = await api.caller.users.create({
      email: 'forgetful@test.example',
      name: 'Forgetful',
      role: 'finance_officer',
      orgIds: [f.councilId],
      password: TEST_PASSWORD,
    });
    const old = await signIn(user.email, TEST_PASSWORD);
    expect(await sessionsOf(user.id)).toEqual([{ tokenHash: hashToken(old.token) }]);
    const hashBefore = await api.db.selectFrom('appUser').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow();

    const { password } = await api.caller.users.resetPassword({ id: user.id });
    expect(password).toMatch(/^[A-Za-z2-9]{5}(-[A-Za-z2-9]{5}){3}$/);
    expect(await sessionsOf(user.id)).toEqual([]);
    const hashAfter = await api.db.selectFrom('appUser').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(hashAfter.passwordHash).not.toBe(hashBefore.passwordHash);
    expect(hashAfter.passwordHash.startsWith('scrypt$')).toBe(true);

    expect((await signInFails(user.email, TEST_PASSWORD)).message).toBe('Email or password is incorrect');
    expect((await signIn(user.email, password)).user.id).toBe(user.id);
    // The reset is in the history (when the password was set), without the hash.
    const events = await api.caller.audit.list({ entity: 'app_user', entityId: user.id });
    expect(events.some((e) => e.field === 'passwordSetAt' && e.action === 'update')).toBe(true);
  });

  it('of an unknown user is NOT_FOUND and writes nothing', async () => {
    const before = await counts(api.db);
    await expectTrpcError(api.caller.users.resetPassword({ id: 123_456 }), 'NOT_FOUND');
    expect(await counts(api.db)).toEqual(before);
  });
});
