// Exact apportionment of a whole number (pence, basis points) in proportion to integer weights, by the
// largest-remainder (Hamilton) method. This is the ONE primitive by which money is divided (design rule 2): split
// rules divide by their basis points, "as in the plan" by the planned pence themselves, risk share by planned or
// actual pence, quarterly instalments by counts. No path rounds its weights to basis points (or any other rounded
// share) before dividing money: a share shown as 33.33% is for reading only.
//
// Rule (design rule 2): every part is floor(total * weight / sum of weights); the units left over go one each to the
// parts with the largest remainders; a tie in remainder goes to the EARLIER part in the order given. Callers that
// want a stable result therefore pass the parts in a stable order (by id, by name). Products are taken in BigInt so
// that a £100bn amount times 10000 basis points is still exact.

/** Split `total` (a non-negative integer) across `weights` (non-negative integers) so the parts sum to `total`
 * exactly. When every weight is zero there is nothing to be proportional to: every part is 0. */
export function largestRemainder(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`total must be a whole number of 0 or more, got ${total}`);
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) throw new RangeError(`weights must be whole numbers of 0 or more, got ${w}`);
  }
  const sum = weights.reduce((acc, w) => acc + BigInt(w), 0n);
  if (sum === 0n) return weights.map(() => 0);
  const big = BigInt(total);
  const parts = weights.map((w) => (big * BigInt(w)) / sum);
  const remainders = weights.map((w, index) => ({ index, rest: (big * BigInt(w)) % sum }));
  let left = big - parts.reduce((acc, p) => acc + p, 0n);
  // Largest remainder first; on a tie, the earlier part first.
  remainders.sort((a, b) => (a.rest === b.rest ? a.index - b.index : a.rest > b.rest ? -1 : 1));
  for (const { index } of remainders) {
    if (left === 0n) break;
    parts[index] = (parts[index] ?? 0n) + 1n;
    left -= 1n;
  }
  return parts.map(Number);
}

/**
 * Divide several amounts among the same parties so that each amount's parts add up to it AND each party's parts add
 * up to its total (`partyTotals`, which must add up to the amounts' sum): a table whose row and column sums are both
 * exact. Used where the parties' totals were worked out first (each partner's part of all the costs paid from one
 * funding source) and each cost line then needs its own breakdown.
 *
 * Rule: the amounts are taken in the order given; each is divided by largestRemainder over what each party has still
 * to receive, and that is then taken off. Every part is 0 or more and at most what the party had left, so the last
 * amount takes exactly what remains. Returns [amount][party].
 */
export function divideInTurn(amounts: readonly number[], partyTotals: readonly number[]): number[][] {
  const sum = (xs: readonly number[]) => xs.reduce((acc, x) => acc + x, 0);
  if (sum(amounts) !== sum(partyTotals)) {
    throw new RangeError(`the amounts (${sum(amounts)}) and the parties' totals (${sum(partyTotals)}) must add up to the same`);
  }
  const left = [...partyTotals];
  return amounts.map((amount) => {
    const parts = largestRemainder(amount, left);
    parts.forEach((p, i) => (left[i] = (left[i] ?? 0) - p));
    return parts;
  });
}

/** Each weight's share of the whole in basis points, summing to exactly 10000 (all 0 when the weights sum to 0). */
export function sharesInBasisPoints(weights: readonly number[]): number[] {
  return largestRemainder(10_000, weights);
}

/** Split an annual amount into four quarterly instalments that add up to it exactly (the first quarters take any odd
 * pence), the way non-host partners often pay a Section 75 contribution. */
export function quarterlyInstalments(annualPence: number): [number, number, number, number] {
  const [q1 = 0, q2 = 0, q3 = 0, q4 = 0] = largestRemainder(annualPence, [1, 1, 1, 1]);
  return [q1, q2, q3, q4];
}

/** `pence` scaled by `basisPoints` (10000 = 100%), rounded half away from zero to a whole penny, without floats:
 * applyBasisPoints(1999, 2000) = 400 (20% of £19.99). */
export function applyBasisPoints(pence: number, basisPoints: number): number {
  if (!Number.isSafeInteger(pence) || !Number.isSafeInteger(basisPoints)) {
    throw new RangeError(`pence and basis points must be whole numbers, got ${pence} and ${basisPoints}`);
  }
  const product = BigInt(pence) * BigInt(basisPoints);
  const negative = product < 0n;
  const abs = negative ? -product : product;
  const rounded = (abs + 5_000n) / 10_000n;
  return Number(negative ? -rounded : rounded);
}
