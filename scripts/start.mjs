// `npm start`: build what changed (scripts/build.mjs: the client with vite, the server with esbuild, each only when its
// sources changed), then run the compiled server, dist/server/cli.mjs, in this same process with the `start` command
// (migrate, seed a new database, serve; BCF_WORKERS worker processes). Plain Node, no TypeScript loader.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import { buildChanged, ROOT, SERVER_ENTRY } from './build.mjs';

// The young generation is held at its first size while starting, and let grow once the server listens
// (server/startup-memory.ts says why), unless whoever runs Node sized it.
if (![...process.execArgv, process.env.NODE_OPTIONS ?? ''].some((arg) => arg.includes('semi-space'))) {
  v8.setFlagsFromString('--semi-space-growth-factor=1');
}

// The server finds the built client and the default database (data/bcf.sqlite) from the working folder, as under npm.
process.chdir(ROOT);
try {
  await buildChanged();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
}
// The bundle's source map is not loaded by default: it costs the idle server about 6 MB. For stack traces that point at
// server/*.ts lines: NODE_OPTIONS=--enable-source-maps npm start.
// The server reads its command from argv, as when run directly (`node dist/server/cli.mjs start`); anything after
// `npm start --` is passed on.
const entry = path.join(ROOT, SERVER_ENTRY);
process.argv.splice(1, process.argv.length - 1, entry, 'start', ...process.argv.slice(2));
await import(pathToFileURL(entry).href);
