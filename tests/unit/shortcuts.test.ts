// The keyboard table is written once (client/components/sheet/shortcuts.ts): the README's table must be the code's,
// so the list people open with `?` and the README never disagree. When this fails, run `npm run docs:shortcuts`.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  codeRuns,
  plain,
  readmeShortcutRows,
  readmeWithShortcuts,
  README_END,
  README_START,
  SHORTCUTS,
} from '../../client/components/sheet/shortcuts';

const README = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../README.md');

describe('the keyboard table', () => {
  it('in the README is the one in code (run npm run docs:shortcuts when this fails)', () => {
    const readme = fs.readFileSync(README, 'utf8');
    expect(readme).toContain(README_START);
    expect(readmeWithShortcuts(readme)).toBe(readme);
    expect(readmeShortcutRows(readme)).toEqual(SHORTCUTS.map((s) => [plain(s.keys), plain(s.does)]));
  });

  it('is noticed when the README drifts: a changed row no longer matches', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const drifted = readme.replace('| Delete (or Backspace) |', '| Delete |');
    expect(drifted).not.toBe(readme);
    expect(readmeWithShortcuts(drifted)).not.toBe(drifted);
    expect(readmeWithShortcuts(drifted)).toBe(readme);
  });

  it('writes between the markers, keeping their indentation, and refuses a README without them', () => {
    const doc = `# T\n- list:\n\n  ${README_START}\n  old\n  ${README_END}\n\nafter\n`;
    const out = readmeWithShortcuts(doc);
    expect(out).toContain(`  | keys | what happens |\n  |---|---|\n  | ${SHORTCUTS[0]?.keys} |`);
    expect(out.endsWith(`  ${README_END}\n\nafter\n`)).toBe(true);
    expect(readmeWithShortcuts(out)).toBe(out);
    expect(() => readmeWithShortcuts('# no markers')).toThrow(/markers/);
  });

  it('has no cell that would break a Markdown table, and every row says keys and what happens', () => {
    for (const s of SHORTCUTS) {
      expect(s.keys).not.toContain('|');
      expect(s.does).not.toContain('|');
      expect(s.keys.trim()).not.toBe('');
      expect(s.does.trim()).not.toBe('');
      expect(s.keys.split('`').length % 2).toBe(1);
    }
  });

  it('splits code from text for the list', () => {
    expect(codeRuns('typing `=1200*4` or `+250`')).toEqual([
      { code: false, text: 'typing ' },
      { code: true, text: '=1200*4' },
      { code: false, text: ' or ' },
      { code: true, text: '+250' },
    ]);
  });
});
