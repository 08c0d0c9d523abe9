// Runs once before the test files: builds the client into dist/client so the end-to-end tests serve exactly what
// `npm start` serves. Set BCF_SKIP_BUILD=1 to reuse an existing build while iterating on unit or API tests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

export default function setup(): void {
  if (process.env.BCF_SKIP_BUILD === '1' && fs.existsSync('dist/client/index.html')) return;
  // A production build, as npm start makes: vitest sets NODE_ENV=test, which would otherwise give React's and
  // ag-grid's development builds (and ag-grid's on-page warning overlay).
  execFileSync('node_modules/.bin/vite', ['build', '--logLevel', 'warn'], {
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
}
