// A demo sign-in acting as themselves (the demo's signature, its conversation): who they are, the partnerships they
// see, and the actor the write path judges them by, exactly as a request of theirs would be.
import type { DB } from '../../db/connection';
import { listUsers } from '../../db/repositories/user.repository';
import type { SignedInUser } from '../../shared/types';
import { actorFor, visiblePartnershipIds } from '../policy';

export async function demoPerson(db: DB, email: string, why: string) {
  const found = (await listUsers(db)).find((u) => u.email === email);
  if (!found) throw new Error(`${why} needs ${email}, who is not a demo sign-in`);
  const user: SignedInUser = { id: found.id, name: found.name, email: found.email, role: found.role, orgIds: found.orgIds };
  const partnershipIds = await visiblePartnershipIds(db, user);
  return { user, partnershipIds, actor: actorFor(user, partnershipIds) };
}
