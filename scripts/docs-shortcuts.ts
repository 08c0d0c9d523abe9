// Writes the README's keyboard table ("Spreadsheet habits") from the one table in code,
// client/components/sheet/shortcuts.ts: `npm run docs:shortcuts`. tests/unit/shortcuts.test.ts fails until it is run.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readmeWithShortcuts } from '../client/components/sheet/shortcuts';

const readmePath = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../README.md');
const before = fs.readFileSync(readmePath, 'utf8');
const after = readmeWithShortcuts(before);
if (after === before) console.log('README.md: the keyboard table is up to date');
else {
  fs.writeFileSync(readmePath, after);
  console.log('README.md: wrote the keyboard table');
}
