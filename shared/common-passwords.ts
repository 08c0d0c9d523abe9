// The passwords seen most often in breaches, which a new password may not be (NCSC password guidance: block the most
// common passwords; OWASP ASVS 2.1.7). The list is zxcvbn-ts's maintained one (@zxcvbn-ts/language-common,
// 'passwords-common'), not ours, so it is kept up to date by updating the package.
import { dictionary } from '@zxcvbn-ts/language-common';

const PASSWORDS = dictionary['passwords-common'];

/** How many passwords the list holds (49,233 in 4.1.3), for messages. */
export const COMMON_PASSWORD_COUNT = PASSWORDS.length;

let common: ReadonlySet<string> | undefined;

/**
 * Whether `password` is on the list. The list is lower case, and a capital letter makes a common password no harder
 * to guess (guessing tools try "Password1" next to "password1"), so the comparison ignores case; it normalises as the
 * hash does (NFKC, server/auth/password.ts), so what is checked is what would be stored.
 */
export function isCommonPassword(password: string): boolean {
  common ??= new Set(PASSWORDS);
  return common.has(password.normalize('NFKC').toLowerCase());
}
