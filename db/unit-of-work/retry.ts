// A batch PostgreSQL refused as unserialisable (db/unit-of-work.ts runBatch runs batches at SERIALIZABLE there) is run
// again from the start. Batches that refused each other would collide again if rerun at once, so each waits a random
// time from a range that doubles with every attempt.

/** Enough attempts that a burst of twenty writers on one server all get through (the bench's grid section on
 * PostgreSQL); the waits add up to a few seconds at most before a batch is given up as a 500. */
const SERIALIZATION_RETRIES = 20;
const FIRST_RETRY_MS = 2;
const LONGEST_RETRY_MS = 250;

/** Run `attempt` until it is not refused as unserialisable, at most SERIALIZATION_RETRIES times. */
export async function withSerializationRetries<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (tries >= SERIALIZATION_RETRIES || !isSerializationFailure(error)) throw error;
      if (process.env.BCF_LOG_SERIALIZATION === '1') logSerializationFailure(error, tries);
      await wait(retryDelayMs(tries));
    }
  }
}

/** "Full jitter": anywhere from 0 to 2^(attempt-1) x the first wait, capped, so colliding batches spread apart. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  return random() * Math.min(LONGEST_RETRY_MS, FIRST_RETRY_MS * 2 ** (attempt - 1));
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** BCF_LOG_SERIALIZATION=1: each refused attempt on stderr with PostgreSQL's reason, to find which reads conflict. */
function logSerializationFailure(error: unknown, attempt: number): void {
  const detail = error instanceof Error && 'detail' in error ? String(error.detail) : '';
  console.error(JSON.stringify({ msg: 'batch refused by PostgreSQL, retrying', attempt, detail, error: String(error) }));
}

/** PostgreSQL's "could not serialize access" (40001) and "deadlock detected" (40P01): the batch may simply be rerun. */
function isSerializationFailure(error: unknown): boolean {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  return code === '40001' || code === '40P01';
}
