// Every procedure of the API, read from the router itself (so a procedure added tomorrow is fuzzed tomorrow), and
// inputs shaped like each one's zod schema with hostile values at random places: deep enough to get past the first
// check, and to reach the service and the database.
import fc from 'fast-check';
import { appRouter } from '../../server/router';

export interface ProcedureInfo {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  /** The procedure's input parsers, base procedures' first (fundRef, then the procedure's own). */
  inputs: unknown[];
}

interface ProcedureLike {
  _def: { type: 'query' | 'mutation' | 'subscription'; inputs: unknown[] };
}

/** The flat list of procedures ("contributions.applyBatch", "splits.rules.create", ...). */
export function listProcedures(): ProcedureInfo[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, ProcedureLike> }).procedures;
  return Object.entries(procedures)
    .map(([path, p]) => ({ path, type: p._def.type, inputs: p._def.inputs }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** Call a procedure by its dotted path on a tRPC caller. */
export function callByPath(caller: object, path: string, input: unknown): Promise<unknown> {
  let target: unknown = caller;
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  if (typeof target !== 'function') throw new Error(`${path} is not callable`);
  return (target as (input: unknown) => Promise<unknown>)(input);
}

/** What a zod 4 schema says about itself (its `_zod.def`), read defensively: only the parts the shapes need. */
interface SchemaDef {
  type: string;
  shape?: Record<string, unknown>;
  element?: unknown;
  innerType?: unknown;
  options?: unknown[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  in?: unknown;
  keyType?: unknown;
  valueType?: unknown;
  items?: unknown[];
  getter?: () => unknown;
}

function defOf(schema: unknown): SchemaDef | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const zod = (schema as { _zod?: { def?: SchemaDef } })._zod;
  return zod?.def ?? null;
}

function deep(levels: number, wrap: (inner: unknown) => unknown): unknown {
  let value: unknown = 1;
  for (let i = 0; i < levels; i += 1) value = wrap(value);
  return value;
}

/** Values no procedure should accept where it expects something sensible, and none should crash on. All of them can
 * be sent as JSON (JSON.parse gives an own `__proto__` key, as a request body would), except NaN and the infinities,
 * which a JSON body can still produce as 1e400. */
export const HOSTILE_VALUES: readonly unknown[] = [
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  -0,
  1e308,
  -1e308,
  Number.MIN_VALUE,
  2 ** 53,
  2 ** 53 + 2,
  -(2 ** 53) - 2,
  0.1,
  1.5,
  1e21,
  '1',
  '0',
  '1e3',
  '0x10',
  ' 12 ',
  'NaN',
  'Infinity',
  '१२',
  '１２',
  '12.345',
  '£1,234.56',
  '',
  ' ',
  '\u0000',
  '\uD800',
  '\u202Eevil',
  'e\u0301',
  '🧾'.repeat(1000),
  '<img src=x onerror=alert(1)>',
  "'; DROP TABLE contribution;--",
  '=HYPERLINK("http://evil.example","x")',
  'x'.repeat(1 << 20),
  '€'.repeat(400_000),
  null,
  true,
  false,
  [],
  {},
  [null],
  [[]],
  deep(5000, (inner) => ({ a: inner })),
  deep(5000, (inner) => [inner]),
  JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown,
  JSON.parse('{"__proto__":{"role":"admin"},"id":1,"fundId":1}') as unknown,
  { constructor: { prototype: { polluted: 'yes' } } },
  Object.assign(Object.create(null) as object, { id: 1, fundId: 1 }),
  Array.from({ length: 20_001 }, () => 1),
  // A dozen unknown keys, not thousands: thousands are a known bug with its own test (fuzz.test.ts, "unknown keys").
  Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`k${i}`, i])),
  { ['k'.repeat(100_000)]: 1 },
];

export const hostile: fc.Arbitrary<unknown> = fc.constantFrom(...HOSTILE_VALUES);

/** Plausible leaves: ids that exist in the demo data, codes the enums use, short text. */
const plausibleText = fc.oneof(
  fc.constantFrom(
    '',
    'a',
    'Q1',
    '2025/26',
    '2024/25',
    'health',
    'social_care',
    'la_bcf',
    'nhs_minimum',
    'contribution',
    'admin',
    'finance_officer',
    'pooled_fund',
    'unfunded',
    'normalise',
    'org:1',
    'Fuzzed name',
    'fuzz@test.example',
  ),
  fc.string({ maxLength: 20 }),
);
const plausibleNumber = fc.oneof(fc.constantFrom(0, 1, 2, 3, 4, 100, 10_000), fc.integer({ min: -10, max: 1_000_000 }));

/** Mostly the plausible value, sometimes a hostile one. */
function orHostile(arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.oneof({ arbitrary, weight: 4 }, { arbitrary: hostile, weight: 1 });
}

/** Inputs shaped like `schema`: the keys it names with plausible values, any of which may be hostile instead. */
export function shapedLike(schema: unknown, depth = 0): fc.Arbitrary<unknown> {
  const def = defOf(schema);
  if (!def || depth > 8) return hostile;
  const inner = (s: unknown) => shapedLike(s, depth + 1);
  switch (def.type) {
    case 'object': {
      const shape = def.shape ?? {};
      return orHostile(fc.record(Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, inner(v)]))));
    }
    case 'optional':
      return fc.option(inner(def.innerType), { nil: undefined, freq: 3 });
    case 'nullable':
      return fc.option(inner(def.innerType), { nil: null, freq: 5 });
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'catch':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return inner(def.in);
    case 'lazy':
      return def.getter ? inner(def.getter()) : hostile;
    case 'array':
      return orHostile(fc.array(inner(def.element), { maxLength: 4 }));
    case 'tuple':
      return orHostile(fc.tuple(...(def.items ?? []).map(inner)));
    case 'record':
      return orHostile(fc.dictionary(plausibleText.map(String), inner(def.valueType), { maxKeys: 3 }));
    case 'union':
      return (def.options ?? []).length > 0 ? fc.oneof(...(def.options ?? []).map(inner)) : hostile;
    case 'enum':
      return orHostile(fc.constantFrom(...Object.values(def.entries ?? { x: 'x' })));
    case 'literal':
      return orHostile(fc.constantFrom(...(def.values ?? [null])));
    case 'string':
      return orHostile(plausibleText);
    case 'number':
    case 'int':
      return orHostile(plausibleNumber);
    case 'boolean':
      return orHostile(fc.boolean());
    default:
      return orHostile(fc.jsonValue({ maxDepth: 2 }));
  }
}

/** An input for a procedure: shaped like its parsers (merged, as tRPC merges object inputs), or plain junk. */
export function inputFor(procedure: ProcedureInfo): fc.Arbitrary<unknown> {
  const junk = fc.oneof(hostile, fc.jsonValue({ maxDepth: 3 }), fc.constant(undefined));
  if (procedure.inputs.length === 0) return junk;
  const parts = procedure.inputs.map((schema) => shapedLike(schema));
  const shaped = fc
    .tuple(...parts)
    .map((values) =>
      values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
        ? Object.assign({}, ...values.map((v) => ({ ...(v as object) })))
        : values[values.length - 1],
    );
  return fc.oneof({ arbitrary: shaped, weight: 3 }, { arbitrary: junk, weight: 1 });
}

/**
 * A plausible input for a procedure with `text` in every string field: each parser's keys with plausible numbers,
 * booleans and enum values, so a text field's value is what decides the outcome. For the injection sweeps.
 */
export function templateFor(procedure: ProcedureInfo, text: string): unknown {
  const fill = (schema: unknown, depth: number): unknown => {
    const def = defOf(schema);
    if (!def || depth > 8) return undefined;
    switch (def.type) {
      case 'object':
        return Object.fromEntries(Object.entries(def.shape ?? {}).map(([k, v]) => [k, fill(v, depth + 1)]));
      case 'optional':
      case 'nullable':
      case 'default':
      case 'prefault':
      case 'readonly':
      case 'catch':
      case 'nonoptional':
        return fill(def.innerType, depth + 1);
      case 'pipe':
        return fill(def.in, depth + 1);
      case 'lazy':
        return def.getter ? fill(def.getter(), depth + 1) : undefined;
      case 'array':
        return [fill(def.element, depth + 1)];
      case 'tuple':
        return (def.items ?? []).map((item) => fill(item, depth + 1));
      case 'record':
        return { [text]: fill(def.valueType, depth + 1) };
      case 'union':
        return fill((def.options ?? [])[0], depth + 1);
      case 'enum':
        return Object.values(def.entries ?? {})[0];
      case 'literal':
        return (def.values ?? [])[0];
      case 'string':
        return text;
      case 'number':
      case 'int':
        return 1;
      case 'boolean':
        return false;
      default:
        return text;
    }
  };
  if (procedure.inputs.length === 0) return undefined;
  const values = procedure.inputs.map((schema) => fill(schema, 0));
  return values.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))
    ? Object.assign({}, ...values.map((v) => ({ ...(v as object) })))
    : values[values.length - 1];
}
