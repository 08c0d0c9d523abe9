// splits.allocate over the real router: a query anyone signed in may run, exact to the penny, bad rules refused with
// BAD_REQUEST naming the field, and nothing written (it reads and writes no table). One call goes over real HTTP to
// prove the contract's wire format (GET with ?input=, plain JSON, 400 with data.fieldErrors).
import type http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SplitAllocateInput } from '../../shared/split-schemas';
import { counts, expectTrpcError, fieldErrorsOf, openTestApi, TEST_PASSWORD, type Caller, type TestApi } from '../support/api';
import { bad } from './fixtures';
import { serveSignedIn } from '../support/http-api';

let api: TestApi;
let board: Caller;

beforeAll(async () => {
  api = await openTestApi();
  // The least privileged role: a board member with no organisations at all can still model a split.
  board = (await api.userWith('board_member', [])).caller;
});
afterAll(async () => {
  await api.close();
});

const standardFormula: SplitAllocateInput = {
  amountPence: 1_000_000,
  shares: [
    { party: 'social_care', basisPoints: 3000 },
    { party: 'health', basisPoints: 2000 },
  ],
  remainder: 'unfunded',
};

/** A call that must be refused with BAD_REQUEST, writing nothing; returns its field errors. */
async function refused(input: unknown): Promise<{ path: string; message: string }[]> {
  const before = await counts(api.db);
  const error = await expectTrpcError(api.caller.splits.allocate(bad<SplitAllocateInput>(input)), 'BAD_REQUEST');
  expect(await counts(api.db)).toEqual(before);
  return fieldErrorsOf(error);
}

describe('splits.allocate: good inputs', () => {
  it('the standard formula 30/20 of £10,000.00 leaves £5,000.00 unfunded, for any signed-in user', async () => {
    const expected = {
      allocations: [
        { party: 'social_care', pence: 300_000 },
        { party: 'health', pence: 200_000 },
      ],
      unfundedPence: 500_000,
    };
    expect(await api.caller.splits.allocate(standardFormula)).toEqual(expected);
    expect(await board.splits.allocate(standardFormula)).toEqual(expected);
  });

  it('normalised 30:20 is £6,000.00 / £4,000.00; the gap given to education is £5,000.00', async () => {
    expect(await board.splits.allocate({ ...standardFormula, remainder: 'normalise' })).toEqual({
      allocations: [
        { party: 'social_care', pence: 600_000 },
        { party: 'health', pence: 400_000 },
      ],
      unfundedPence: 0,
    });
    expect((await board.splits.allocate({ ...standardFormula, remainder: 'education' })).allocations).toContainEqual({
      party: 'education',
      pence: 500_000,
    });
  });

  it('health pays the first £5,000.00, the rest 60/40; organisations are parties too', async () => {
    expect(
      await board.splits.allocate({
        amountPence: 1_200_000,
        fixed: [{ party: 'health', pence: 500_000 }],
        shares: [
          { party: 'health', basisPoints: 6000 },
          { party: 'org:42', basisPoints: 4000 },
        ],
        remainder: 'unfunded',
      }),
    ).toEqual({
      allocations: [
        { party: 'health', pence: 920_000 },
        { party: 'org:42', pence: 280_000 },
      ],
      unfundedPence: 0,
    });
  });

  it('writes nothing: it is a query', async () => {
    const before = await counts(api.db);
    await board.splits.allocate(standardFormula);
    expect(await counts(api.db)).toEqual(before);
  });
});

describe('splits.allocate: bad inputs are BAD_REQUEST naming the field, and write nothing', () => {
  it('shares over 100%', async () => {
    const errors = await refused({ ...standardFormula, shares: [...standardFormula.shares, { party: 'education', basisPoints: 5001 }] });
    expect(errors).toEqual([{ path: 'shares', message: 'Shares must add up to at most 10000 basis points (100%), got 10001 (100.01%)' }]);
  });

  it('an unknown party, and a bad remainder policy', async () => {
    const errors = await refused({ ...standardFormula, shares: [{ party: 'nhs', basisPoints: 100 }], remainder: 'somebody' });
    expect(errors.map((e) => e.path)).toEqual(['shares.0.party', 'remainder']);
    expect(errors[0]?.message).toMatch(/^Party must be a sector code \(social_care, .*\) or org:<id> .*, got 'nhs'$/);
    expect(errors[1]?.message).toMatch(/^Remainder must be 'unfunded', 'normalise' or a party.*got 'somebody'$/);
  });

  it('a negative fixed part, and fixed parts over the amount', async () => {
    expect(await refused({ ...standardFormula, fixed: [{ party: 'health', pence: -1 }] })).toEqual([
      { path: 'fixed.0.pence', message: expect.stringMatching(/^Fixed amount must be a whole number of pence from 0.*got -1$/) },
    ]);
    expect(await refused({ ...standardFormula, fixed: [{ party: 'health', pence: 1_000_001 }] })).toEqual([
      { path: 'fixed', message: 'Fixed parts must add up to at most the amount (£10,000.00), got £10,000.01' },
    ]);
  });

  it('a party listed twice among the shares', async () => {
    const errors = await refused({ ...standardFormula, shares: [...standardFormula.shares, { party: 'health', basisPoints: 100 }] });
    expect(errors).toEqual([{ path: 'shares.2.party', message: expect.stringContaining("got 'health' again (first at share 2)") }]);
  });

  it('money and shares that are not whole numbers, and unknown fields', async () => {
    const errors = await refused({ amountPence: 10.5, shares: [{ party: 'health', basisPoints: 12.5 }], remainder: 'unfunded', extra: 1 });
    expect(errors.map((e) => e.path).sort()).toEqual(['amountPence', 'extra', 'shares.0.basisPoints']);
    expect(errors.find((e) => e.path === 'amountPence')?.message).toMatch(/^Amount must be a whole number of pence.*got 10\.5$/);
  });

  it('no one signed in is UNAUTHORIZED', async () => {
    await expectTrpcError(api.anonymous.splits.allocate(standardFormula), 'UNAUTHORIZED');
  });
});

describe('splits.allocate over HTTP', () => {
  let server: http.Server;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    ({ server, base, cookie } = await serveSignedIn(api.db, api.admin.email, TEST_PASSWORD));
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const get = (input: unknown) =>
    fetch(`${base}/trpc/splits.allocate?input=${encodeURIComponent(JSON.stringify(input))}`, { headers: { Cookie: cookie } });

  it('is a GET with ?input= and answers plain JSON in integer pence', async () => {
    const res = await get(standardFormula);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { result: { data: unknown } };
    expect(body.result.data).toEqual({
      allocations: [
        { party: 'social_care', pence: 300_000 },
        { party: 'health', pence: 200_000 },
      ],
      unfundedPence: 500_000,
    });
  });

  it('answers shares over 100% with 400 and data.fieldErrors naming the field', async () => {
    const res = await get({
      ...standardFormula,
      shares: [
        { party: 'health', basisPoints: 10_000 },
        { party: 'org:1', basisPoints: 1 },
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { data: { code: string; fieldErrors: unknown } } };
    expect(body.error.data.code).toBe('BAD_REQUEST');
    expect(body.error.data.fieldErrors).toEqual([
      { path: 'shares', message: 'Shares must add up to at most 10000 basis points (100%), got 10001 (100.01%)' },
    ]);
  });
});
