// User management for admins, the CLI's user:add, and the demo users of a first start. Passwords are hashed here and
// never returned, except a newly generated one, once, to the admin who created or reset it.
import type { DB } from '../../db/connection';
import { countUsers, deleteSessionsOf, findUser, listUsers, userTable } from '../../db/repositories/user.repository';
import { runBatch, type Actor } from '../../db/unit-of-work';
import { NotFoundError, ValidationError, type FieldError } from '../../shared/errors';
import { listOrganisations } from '../../db/repositories/organisation.repository';
import type { UserCreateInput, UserUpdateInput } from '../../shared/schemas';
import type { User } from '../../shared/types';
import { generatePassword, hashPassword } from '../auth/password';

async function checkOrgs(db: DB, orgIds: readonly number[], path: string): Promise<FieldError[]> {
  const known = new Set((await listOrganisations(db)).map((o) => o.id));
  return orgIds.flatMap((id, i) => (known.has(id) ? [] : [{ path: `${path}.${i}`, message: `Organisation ${id} does not exist` }]));
}

async function emailTaken(db: DB, email: string, exceptId?: number): Promise<boolean> {
  return (await listUsers(db)).some((u) => u.email === email && u.id !== exceptId);
}

export async function createUser(db: DB, actor: Actor, input: UserCreateInput): Promise<{ user: User; password: string | null }> {
  const errors = await checkOrgs(db, input.orgIds, 'orgIds');
  if (await emailTaken(db, input.email))
    errors.push({ path: 'email', message: `Email must be unique: '${input.email}' already has an account` });
  if (errors.length) throw new ValidationError(errors);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Added user ${input.email}`, fundId: null }, (writer) =>
    writer.create(userTable, {
      email: input.email,
      name: input.name,
      role: input.role,
      orgIds: [...new Set(input.orgIds)],
      disabled: false,
      passwordSetAt: new Date().toISOString(),
      passwordHash,
    }),
  );
  return { user: result, password: input.password ? null : password };
}

export async function updateUser(db: DB, actor: Actor, input: UserUpdateInput): Promise<User> {
  const existing = await findUser(db, input.id);
  if (!existing) throw new NotFoundError(`No user with id ${input.id}`);
  const errors = input.patch.orgIds ? await checkOrgs(db, input.patch.orgIds, 'patch.orgIds') : [];
  if (input.patch.email && (await emailTaken(db, input.patch.email, input.id))) {
    errors.push({ path: 'patch.email', message: `Email must be unique: '${input.patch.email}' already has an account` });
  }
  // An admin cannot lock themselves out: someone must always be able to manage users.
  if (actor.userId === input.id && (input.patch.disabled === true || (input.patch.role && input.patch.role !== 'admin'))) {
    errors.push({
      path: input.patch.disabled ? 'patch.disabled' : 'patch.role',
      message: 'You cannot disable your own account or remove your own admin role',
    });
  }
  if (errors.length) throw new ValidationError(errors);
  const { result } = await runBatch(db, actor, { kind: 'edit', label: `Changed user ${existing.email}`, fundId: null }, async (writer) => {
    const user = await writer.update(userTable, input.id, input.version, {
      ...input.patch,
      ...(input.patch.orgIds ? { orgIds: [...new Set(input.patch.orgIds)] } : {}),
    });
    // A disabled account is signed out everywhere at once.
    if (input.patch.disabled) await deleteSessionsOf(writer.tx, input.id);
    return user;
  });
  return result;
}

/** Sets a new random password (shown once to the admin) and signs the user out everywhere. */
export async function resetPassword(db: DB, actor: Actor, id: number): Promise<{ password: string }> {
  const existing = await findUser(db, id);
  if (!existing) throw new NotFoundError(`No user with id ${id}`);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  await runBatch(db, actor, { kind: 'edit', label: `Reset the password of ${existing.email}`, fundId: null }, async (writer) => {
    await writer.update(userTable, id, existing.version, { passwordSetAt: new Date().toISOString() });
    await writer.tx.updateTable('appUser').set({ passwordHash }).where('id', '=', id).execute();
    await deleteSessionsOf(writer.tx, id);
  });
  return { password };
}

export { countUsers, listUsers };
