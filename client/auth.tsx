// Who is signed in, for every page: the server decides what anyone may do; the client only hides or disables what the
// signed-in person cannot do, and says why.
import { createContext, useContext } from 'react';
import type { Person } from '../shared/roles';
import type { SignedInUser } from '../shared/types';

const SignedIn = createContext<SignedInUser | null>(null);

export const SignedInProvider = SignedIn.Provider;

/** The signed-in user. Pages render only inside the signed-in frame, so this is always set there. */
export function useUser(): SignedInUser {
  const user = useContext(SignedIn);
  if (!user) throw new Error('useUser() outside the signed-in frame');
  return user;
}

export function asPerson(user: SignedInUser): Person {
  return { id: user.id, role: user.role, orgIds: user.orgIds };
}
