// The PostgreSQL driver, loaded when a PostgreSQL database is first opened: on SQLite (the default) the server never
// loads it, which keeps about 15 MB out of an idle server's memory (issue 18).
import type pg from 'pg';

// pg returns BIGINT (int8, 20) and NUMERIC (1700: the type of sum() over a BIGINT) as strings, to be safe with values
// beyond 2^53. Money is whole pence far below that (shared/money.ts MAX_AMOUNT_PENCE), and sums of money stay safe
// integers, so both are read as numbers; a value that is not a safe integer is refused loudly rather than rounded.
function safeNumber(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`A database number is not a safe whole number: ${text}`);
  return value;
}

let driver: Promise<typeof pg> | undefined;

/** The pg module, with this project's type parsers set once. */
export function loadPg(): Promise<typeof pg> {
  driver ??= import('pg').then(({ default: module }) => {
    module.types.setTypeParser(20, safeNumber);
    module.types.setTypeParser(1700, safeNumber);
    return module;
  });
  return driver;
}
