// The base of every text field's schema: text must be well-formed Unicode. A lone surrogate (one half of a UTF-16
// pair, which a JSON body can carry as the escape "\ud800") has no UTF-8 form: SQLite kept its bytes and read them
// back as three U+FFFD, so the value stored was not the value sent (issue 20, item 5).
import { z } from 'zod';

/** With the u flag a whole surrogate pair is one character, so this matches only a half standing alone. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/** Why `value` is not well-formed Unicode text, naming where, or null when it is. */
export function unicodeProblem(value: string): string | null {
  const found = LONE_SURROGATE.exec(value);
  if (!found) return null;
  const unit = found[0].charCodeAt(0).toString(16).toUpperCase();
  // Counted in characters as a person sees them (an emoji is one), not in UTF-16 units.
  const position = [...value.slice(0, found.index)].length + 1;
  return `must be well-formed Unicode text: character ${position} is half of a surrogate pair (U+${unit}) on its own, which cannot be stored`;
}

/**
 * zod's string for a text field: `params` say what a value of the wrong type is told, and text that is not
 * well-formed Unicode is refused first, with its own rule, before any other check of the field runs. Every string
 * schema in shared/ starts here, so every text field refuses the same way.
 */
export function wellFormedString(label: string, params?: Parameters<typeof z.string>[0]) {
  return z.string(params).check((ctx) => {
    const problem = unicodeProblem(ctx.value);
    if (problem) ctx.issues.push({ code: 'custom', message: `${label} ${problem}`, input: ctx.value, continue: false });
  });
}
