// Arithmetic in a money cell, as finance officers type it in Excel: "=1200*4", "=(1500+250)/2", "=£1,200.50*3".
// Evaluated exactly with BigInt fractions (never floats), then rounded once to a whole penny, half away from zero.

type Fraction = { n: bigint; d: bigint };

const MAX_LENGTH = 200;

class ExpressionError extends Error {}

function normalise({ n, d }: Fraction): Fraction {
  if (d < 0n) return { n: -n, d: -d };
  return { n, d };
}

/** Parse an amount of pounds ("1,200.50", "£3") into an exact fraction. */
function amount(text: string): Fraction {
  const clean = text.replace(/^£/, '').replaceAll(',', '');
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(clean)) throw new ExpressionError(`'${text}' is not a number`);
  const [whole = '0', frac = ''] = clean.split('.');
  return { n: BigInt((whole || '0') + frac), d: 10n ** BigInt(frac.length) };
}

function tokenise(text: string): string[] {
  const tokens = text.match(/£?[\d,]*\.?\d+|[-+*/()]|\S/g) ?? [];
  return tokens;
}

/** Recursive-descent evaluation of + - * / and brackets over exact fractions. */
function evaluate(tokens: string[]): Fraction {
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expr = (): Fraction => {
    let left = term();
    while (peek() === '+' || peek() === '-') {
      const op = next();
      const right = term();
      left =
        op === '+'
          ? { n: left.n * right.d + right.n * left.d, d: left.d * right.d }
          : { n: left.n * right.d - right.n * left.d, d: left.d * right.d };
    }
    return left;
  };
  const term = (): Fraction => {
    let left = factor();
    while (peek() === '*' || peek() === '/') {
      const op = next();
      const right = factor();
      if (op === '*') left = { n: left.n * right.n, d: left.d * right.d };
      else {
        if (right.n === 0n) throw new ExpressionError('divides by zero');
        left = normalise({ n: left.n * right.d, d: left.d * right.n });
      }
    }
    return left;
  };
  const factor = (): Fraction => {
    const token = next();
    if (token === undefined) throw new ExpressionError('ends too soon');
    if (token === '-') {
      const inner = factor();
      return { n: -inner.n, d: inner.d };
    }
    if (token === '+') return factor();
    if (token === '(') {
      const inner = expr();
      if (next() !== ')') throw new ExpressionError('has a bracket that is not closed');
      return inner;
    }
    return amount(token);
  };
  const result = expr();
  if (i < tokens.length) throw new ExpressionError(`has something unexpected: '${tokens[i] ?? ''}'`);
  return result;
}

/** Round an exact number of pounds to whole pence, half away from zero. */
function toPence({ n, d }: Fraction): bigint {
  const scaled = n * 100n;
  const negative = scaled < 0n !== d < 0n;
  const absN = scaled < 0n ? -scaled : scaled;
  const absD = d < 0n ? -d : d;
  const rounded = (absN * 2n + absD) / (absD * 2n);
  return negative ? -rounded : rounded;
}

export type ExpressionResult = { ok: true; pence: number } | { ok: false; reason: string };

/** Whether a cell's text is arithmetic to work out rather than an amount: "=..." or, relative to the cell, "+250". */
export function isMoneyExpression(text: string): boolean {
  const t = text.trim();
  return t.startsWith('=') || t.startsWith('+');
}

/**
 * Work out "=1200*4" (a formula) or "+250" (add to the cell's current value) into whole pence. `currentPence` is the
 * value in the cell before the edit.
 */
export function evaluateMoneyExpression(text: string, currentPence: number): ExpressionResult {
  const t = text.trim();
  if (t.length > MAX_LENGTH) return { ok: false, reason: `is longer than ${MAX_LENGTH} characters` };
  try {
    // Both forms drop their first character: "=" introduces a formula; "+" is the first sign of the amount to add.
    const value = evaluate(tokenise(t.slice(1)));
    let pence = toPence(value);
    if (t.startsWith('+')) pence += BigInt(currentPence);
    if (pence > BigInt(Number.MAX_SAFE_INTEGER) || pence < -BigInt(Number.MAX_SAFE_INTEGER)) {
      return { ok: false, reason: 'works out to an amount too large to hold' };
    }
    return { ok: true, pence: Number(pence) };
  } catch (error) {
    if (error instanceof ExpressionError) return { ok: false, reason: `is a calculation that ${error.message}` };
    throw error;
  }
}
