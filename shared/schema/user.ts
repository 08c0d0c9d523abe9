// A person who signs in: their role, the organisations they belong to, and the password rules.
import { z } from 'zod';
import { commonPasswordCount, isCommonPassword } from '../common-passwords';
import { ROLES, type Role } from '../roles';
import { wellFormedString } from '../unicode';
import { id, oneOf, rule, strict, text } from './fields';
import { patchOf, updateOf } from './shape';

export const PASSWORD_MIN_LENGTH = 12;

const email = (label: string) =>
  wellFormedString(label, rule(label, 'must be an email address'))
    .trim()
    .toLowerCase()
    .max(254, rule(label, 'must be an email address of at most 254 characters'))
    .regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, rule(label, 'must be an email address like name@council.gov.uk'));

export const loginInput = strict(
  {
    email: wellFormedString('Email', rule('Email', 'must be your email address'))
      .trim()
      .toLowerCase()
      .min(1, rule('Email', 'must be your email address'))
      .max(254, rule('Email', 'must be your email address')),
    password: wellFormedString('Password', rule('Password', 'must be your password'))
      .min(1, rule('Password', 'must be your password'))
      .max(200, rule('Password', 'must be at most 200 characters')),
  },
  'Sign-in',
);

/**
 * A password someone chooses (users.create, BCF_DEMO_PASSWORD): long, and not one of the passwords seen most often in
 * breaches (NCSC password guidance; OWASP ASVS 2.1.7), so the one guess an attacker tries first is never right. The
 * client shows the same reasons as the server, as both check this schema.
 */
export const newPasswordSchema = wellFormedString('Password', rule('Password', `must be text of ${PASSWORD_MIN_LENGTH} to 200 characters`))
  .min(PASSWORD_MIN_LENGTH, { error: `Password must be at least ${PASSWORD_MIN_LENGTH} characters long` })
  .max(200, rule('Password', `must be text of ${PASSWORD_MIN_LENGTH} to 200 characters`))
  .refine((value) => !isCommonPassword(value), {
    error: () =>
      `Password is one of the most commonly used passwords (on a list of the ${commonPasswordCount().toLocaleString('en-GB')} seen most often in breaches), so it is among the first an attacker tries: choose another`,
  });

const orgIds = z
  .array(id('Organisation'), rule('Organisations', 'must be a list of organisation ids'))
  .max(100, rule('Organisations', 'must name at most 100 organisations'));

const userFields = {
  email: email('Email'),
  name: text('Name', 1, 200),
  role: oneOf('Role', ROLES),
  orgIds,
  disabled: z.boolean(rule('Disabled', 'must be true or false')),
};

export const userCreateInput = strict(
  {
    email: userFields.email,
    name: userFields.name,
    role: userFields.role,
    orgIds,
    /** Leave out to have a random password generated and shown once. */
    password: newPasswordSchema.optional(),
  },
  'User',
);

export const userUpdateInput = updateOf(patchOf(userFields), 'User');

export const userResetPasswordInput = strict({ id: id('User') }, 'Input');

export type LoginInput = z.infer<typeof loginInput>;
export type UserCreateInput = z.infer<typeof userCreateInput>;
export type UserUpdateInput = z.infer<typeof userUpdateInput>;

/** Who is signed in, as auth.me and auth.login return it. */
export interface SignedInUser {
  id: number;
  name: string;
  email: string;
  role: Role;
  orgIds: number[];
}

/** A user as users.list returns it. */
export interface User extends SignedInUser {
  disabled: boolean;
  version: number;
  passwordSetAt: string;
}
