// A person's own settings (a grid's saved column layout): a key, and any JSON value within the caps.
import { z } from 'zod';
import type { FieldError } from '../errors';
import { wellFormedString } from '../unicode';
import { describeValue, rule, strict } from './fields';

/** The most one setting's value may hold, written as JSON. */
export const SETTING_VALUE_MAX_LENGTH = 20_000;
/** The most settings one person may keep. The app saves one layout per grid, a handful in all; this leaves room for
 * many more, and stops one account from filling the database (issue 20: a board member, who may change nothing else,
 * stored 300 settings of 19 KB, 5.7 MB, in one request). */
export const SETTINGS_MAX_COUNT = 50;
/** The most one person's settings may hold in all, written as JSON: ten values of the largest size. */
export const SETTINGS_MAX_TOTAL_LENGTH = 200_000;

/** What a person already keeps besides the setting being saved: how many, and their length in all. */
export interface SettingsUsage {
  count: number;
  totalLength: number;
}

/** Why saving a value of `length` characters as one more setting (or in place of one) would break a cap, or null. */
export function settingsLimitProblem(others: SettingsUsage, length: number, replacing: boolean): FieldError | null {
  if (!replacing && others.count + 1 > SETTINGS_MAX_COUNT) {
    return {
      path: 'key',
      message: `Saved settings are limited to ${SETTINGS_MAX_COUNT} per person and you already keep ${others.count.toLocaleString('en-GB')}: this one was not saved`,
    };
  }
  if (others.totalLength + length > SETTINGS_MAX_TOTAL_LENGTH) {
    return {
      path: 'value',
      message: `Saved settings are limited to ${SETTINGS_MAX_TOTAL_LENGTH.toLocaleString('en-GB')} characters in all per person: your others hold ${others.totalLength.toLocaleString('en-GB')} and this value ${length.toLocaleString('en-GB')}, so it was not saved`,
    };
  }
  return null;
}

export const settingKeySchema = wellFormedString(
  'Key',
  rule('Key', 'must be text of 1 to 100 characters of a-z, 0-9, colon, dot, underscore or hyphen'),
).regex(/^[a-z0-9:._-]{1,100}$/, rule('Key', 'must be text of 1 to 100 characters of a-z, 0-9, colon, dot, underscore or hyphen'));

/**
 * Any JSON value whose serialised form is at most 20,000 characters. Checked by serialising rather than by a recursive
 * JSON schema, so a deeply nested value cannot exhaust the stack; the serialised text is what is stored.
 */
export const settingValueSchema = z.unknown().transform((value, ctx) => {
  let serialised: string | undefined;
  try {
    serialised = value === undefined ? undefined : JSON.stringify(value);
  } catch {
    serialised = undefined;
  }
  if (serialised === undefined) {
    ctx.addIssue({
      code: 'custom',
      message: `Value must be a JSON value (text, number, true/false, null, a list or an object), got ${describeValue(value)}`,
    });
    return z.NEVER;
  }
  if (serialised.length > SETTING_VALUE_MAX_LENGTH) {
    ctx.addIssue({
      code: 'custom',
      message: `Value must be at most ${SETTING_VALUE_MAX_LENGTH.toLocaleString('en-GB')} characters when written as JSON, got ${serialised.length.toLocaleString('en-GB')}`,
    });
    return z.NEVER;
  }
  return serialised;
});

export const settingGetInput = strict({ key: settingKeySchema }, 'Input');
export const settingPutInput = strict({ key: settingKeySchema, value: settingValueSchema }, 'Setting');
