// The passwords seen most often in breaches, which a new password may not be (NCSC password guidance: block the most
// common passwords; OWASP ASVS 2.1.7). The list is zxcvbn-ts's maintained one (@zxcvbn-ts/language-common,
// 'passwords-common'), not ours, so it is kept up to date by updating the package.
//
// The list is read only when a password is first checked, never at import: it is about 6 MB in memory, and a server
// that sets no password in its life should not hold it. (The compiled server maps the package to a module that loads
// it on that first read: scripts/build.mjs, server/common-passwords-on-demand.ts.)
import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common']);
  return common;
}

/** How many passwords the list holds (49,233 in 4.1.3), for messages. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}

/**
 * Whether `password` is on the list. The list is lower case, and a capital letter makes a common password no harder
 * to guess (guessing tools try "Password1" next to "password1"), so the comparison ignores case; it normalises as the
 * hash does (NFKC, server/auth/password.ts), so what is checked is what would be stored.
 */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(password.normalize('NFKC').toLowerCase());
}
