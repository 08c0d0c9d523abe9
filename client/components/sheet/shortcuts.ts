// Every key the grids answer to, in ONE table: the "Keyboard" list (press `?` on any page with a grid) is drawn from it,
// and so is the README's table (`npm run docs:shortcuts` writes it between the markers; tests/unit/shortcuts.test.ts
// fails when the two differ). A new shortcut is a row here. Pure data and text, no React: `code` is in backticks, as
// the README writes it; the list shows it as <kbd>.

export interface Shortcut {
  /** The keys (or clicks and buttons) to press. */
  keys: string;
  /** What happens. */
  does: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'arrows, Enter / Tab (Shift reverses), Esc, F2', does: 'move; commit and move down / right; cancel; edit in place' },
  {
    keys: 'typing `=1200*4`, `=(1500+250)/2` or `+250` in a money cell',
    does: 'works it out exactly (`+250` adds to the cell), rounded once to the penny',
  },
  {
    keys: 'Shift+click, Shift+arrows, Ctrl+A; Ctrl+C, Ctrl+X',
    does: 'select a rectangle (Ctrl+A: every cell shown), and the status line under the grid shows the Sum and Average of its £ cells and the Count of its non-empty cells; copy it as tab-separated text that pastes into Excel (Ctrl+X: copy, then clear it in one save)',
  },
  {
    keys: 'Ctrl+V',
    does: 'paste a block copied from Excel from the focused cell; past the last row, or on the totals row, it adds rows; drop-downs match by name, any case. All cells valid: one save, one undo step. Any invalid: nothing saved, each bad cell marked',
  },
  {
    keys: 'Ctrl+D; "Fill only empty cells"; "Copy previous quarter"',
    does: 'fill the selection down from its top row; the same, only into empty cells; each row’s plan from its previous quarter. One save and one undo step each',
  },
  { keys: 'Delete (or Backspace)', does: 'clears the selected cells (£0.00, empty note)' },
  {
    keys: 'Ctrl+Z / Ctrl+Y (or the Undo / Redo buttons)',
    does: 'undo and redo your own changes to this fund, kept on the server: they survive sort, filter, reload and restart. An undo that would overwrite someone else’s later change is refused, naming them',
  },
  {
    keys: 'Ctrl+S; Ctrl+B, Ctrl+I, Ctrl+U',
    does: 'nothing to save: each change is saved when you press Enter, paste or fill; the grid holds figures, not formatting (the status line says so)',
  },
  { keys: 'Alt+H (or "History of selected cell")', does: 'the history of the focused cell: who changed it, when, from what to what' },
  {
    keys: 'Shift+F2 (or "Comment")',
    does: 'the comments on the focused cell, as in Excel: its thread, or a new one (a question if you tick "Ask as a question"); type `@` to mention someone. A cell with an open thread has a mark in its top-right corner. Esc closes it and puts you back on the cell',
  },
  { keys: '`?` (or the "Keyboard" button)', does: 'this list of keys; Esc closes it and puts you back where you were' },
  {
    keys: 'Enter on a cell someone else saved since you loaded it',
    does: 'nothing is overwritten: a dialog shows their value (and who saved it and when, on contributions and the plan); "Keep mine" saves yours over it, knowingly, "Take theirs" keeps it. The same in every grid (contributions, the plan, scenario lines, outcomes, benefit lines)',
  },
  {
    keys: 'any key the grid cannot act on',
    does: 'the status line under the grid says why (a locked or computed cell, the totals row, nothing to undo or to paste), read out politely; nothing is silently ignored',
  },
];

export const README_START = '<!-- shortcuts:start (written by npm run docs:shortcuts from client/components/sheet/shortcuts.ts) -->';
export const README_END = '<!-- shortcuts:end -->';

/** The table as Markdown, each line indented by `indent` (the README's sits in a list item). */
export function shortcutsMarkdown(indent = ''): string {
  const lines = ['| keys | what happens |', '|---|---|', ...SHORTCUTS.map((s) => `| ${s.keys} | ${s.does} |`)];
  return lines.map((line) => indent + line).join('\n');
}

/** The README with the table between its markers replaced by the code's (markers' indentation kept). */
export function readmeWithShortcuts(readme: string): string {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) throw new Error(`the README has no shortcuts markers (${README_START} … ${README_END})`);
  const lineStart = readme.lastIndexOf('\n', start) + 1;
  const indent = readme.slice(lineStart, start);
  return `${readme.slice(0, start + README_START.length)}\n\n${shortcutsMarkdown(indent)}\n\n${indent}${readme.slice(end)}`;
}

/** The rows of the first Markdown table between the README's markers, each as [keys, what happens] in plain text
 * (backticks dropped), for comparing with the list a person sees. */
export function readmeShortcutRows(readme: string): [string, string][] {
  const start = readme.indexOf(README_START);
  const end = readme.indexOf(README_END);
  if (start < 0 || end < start) return [];
  return readme
    .slice(start, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !line.startsWith('|---') && line !== '| keys | what happens |')
    .map((line) => {
      const [keys = '', does = ''] = line.slice(1, -1).split(' | ');
      return [plain(keys.trim()), plain(does.trim())];
    });
}

/** A table cell's text as a person reads it: `code` without its backticks. */
export function plain(text: string): string {
  return text.replaceAll('`', '');
}

/** Text split into plain runs and `code` runs, for the list to show code as <kbd>. */
export function codeRuns(text: string): { code: boolean; text: string }[] {
  return text
    .split('`')
    .map((part, i) => ({ code: i % 2 === 1, text: part }))
    .filter((run) => run.text !== '');
}
