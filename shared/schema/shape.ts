// The shapes every noun derives from its one field schema: the patch (some fields), the update and delete inputs,
// the change of a grid's batch (create, update or delete with the version seen) and the batch itself.
import { z } from 'zod';
import { id, rule, strict, version } from './fields';

/** The fields of a row as the schema's output: what a noun's row type is built from. */
export type RowOf<S extends z.ZodRawShape> = z.output<z.ZodObject<S>>;

/** The names of a shape's fields, in the order declared: the columns a repository selects and audits. */
export function keysOf<S extends z.ZodRawShape>(shape: S): readonly (keyof S & string)[] {
  return Object.keys(shape) as (keyof S & string)[];
}

/** The same fields, each optional. */
export type OptionalShape<S extends z.ZodRawShape> = { [K in keyof S]: z.ZodOptional<S[K]> };

export function optionalShape<S extends z.ZodRawShape>(shape: S): OptionalShape<S> {
  return Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, (v as z.ZodType).optional()])) as unknown as OptionalShape<S>;
}

export const NON_EMPTY_PATCH = 'Patch must change at least one field';
const hasFields = (patch: object) => Object.keys(patch).length > 0;

/** A change to some fields: each optional, and at least one of them given. */
export function patchOf<S extends z.ZodRawShape>(shape: S, message = NON_EMPTY_PATCH) {
  return strict(optionalShape(shape), 'Patch').refine(hasFields, { message });
}

/** `<noun>.update`: the row's id, the version the caller last saw, and the patch. */
export function updateOf<P extends z.ZodType>(patch: P, idLabel = 'Id') {
  return strict({ id: id(idLabel), version, patch }, 'Update');
}

/** `<noun>.delete`: the row's id and the version the caller last saw. */
export const deleteInput = strict({ id: id('Id'), version }, 'Delete');

export const byIdInput = strict({ id: id('Id') }, 'Input');

export const MAX_BATCH_CHANGES = 10_000;

/** The `op` of a change that is an object (what a bad-operation message should quote), else the value itself. */
export function opOf(change: unknown): unknown {
  return typeof change === 'object' && change !== null && !Array.isArray(change) ? (change as { op?: unknown }).op : change;
}

/** One change of a grid's batch: create with values, update with the version seen and a patch, delete with the version. */
export function changeOf<V extends z.ZodType, P extends z.ZodType>(values: V, patch: P) {
  return z.discriminatedUnion(
    'op',
    [
      strict({ op: z.literal('create'), values }, 'Change'),
      strict({ op: z.literal('update'), id: id('Id'), version, values: patch }, 'Change'),
      strict({ op: z.literal('delete'), id: id('Id'), version }, 'Change'),
    ],
    // zod hands this error the whole change but reports it at `op`, so quote the op the change named, not the change.
    { error: (issue) => rule('Operation', 'must be create, update or delete').error({ input: opOf(issue.input) }) },
  );
}

/** A batch of a grid's changes to the rows of one fund (or, with `key`, of one scenario): all saved, or none. */
export function batchOf<V extends z.ZodType, P extends z.ZodType, K extends string = 'fundId'>(
  values: V,
  patch: P,
  key: { name: K; label: string } = { name: 'fundId' as K, label: 'Fund' },
) {
  const changes = z
    .array(changeOf(values, patch), rule('Changes', 'must be a list of changes'))
    .min(1, rule('Changes', 'must hold at least one change'))
    .max(MAX_BATCH_CHANGES, rule('Changes', `must hold at most ${MAX_BATCH_CHANGES.toLocaleString('en-GB')} changes`));
  return strict({ [key.name]: id(key.label), changes } as { [k in K]: ReturnType<typeof id> } & { changes: typeof changes }, 'Batch');
}

/** What a person calls each field of a noun, as its grid names the columns (messages and batch labels): typed by
 * field, and readable by any field name (an unknown one is undefined). */
export type Labels<K extends string> = Readonly<Record<K, string>> & Readonly<Record<string, string>>;

/** The label a field builder gave a schema (shared/schema/fields.ts describes each), through optional, nullable and
 * default wrappers. */
export function labelOf(schema: unknown): string | undefined {
  let inner = schema as { description?: string; unwrap?: () => unknown } | undefined;
  while (inner) {
    if (typeof inner.description === 'string') return inner.description;
    inner = typeof inner.unwrap === 'function' ? (inner.unwrap() as typeof inner) : undefined;
  }
  return undefined;
}

/** A noun's field labels, read from its fields: what a person calls each (messages and batch labels). */
export function labelsOf<S extends z.ZodRawShape>(shape: S): Labels<keyof S & string> {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, labelOf(schema) ?? key])) as Labels<keyof S & string>;
}

/** The columns every row the API returns has. */
export interface Versioned {
  id: number;
  version: number;
}
