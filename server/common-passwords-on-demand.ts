// What the compiled server loads in place of '@zxcvbn-ts/language-common' (scripts/build.mjs maps it here): the same
// `dictionary`, whose password list is required only when it is first read, that is when a password is first checked.
// An ES import cannot wait until then, so the package's CommonJS build is required on demand. Under tsx (tests, the
// dev server) the package itself is imported; shared/common-passwords.ts reads the list lazily either way.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface Package {
  dictionary: Record<'passwords-common' | 'diceware-common', string[]>;
}

let loaded: Package | undefined;
const load = (): Package => (loaded ??= require('@zxcvbn-ts/language-common') as Package);

export const dictionary = {
  get 'passwords-common'(): string[] {
    return load().dictionary['passwords-common'];
  },
};
