// Builds what `npm start` serves, and only what changed: the client (vite, into dist/client) and the server (esbuild,
// server/cli.ts into one file, dist/server/cli.mjs, run by plain Node). Each build stores a digest of the files it was
// made from beside its output (.source-digest); the next start compares digests of the files' contents, never their
// times (a fresh clone or a checkout gives every file a new time), and skips a build whose sources are unchanged.
// Plain JavaScript, run by plain Node: `npm start` must not need a TypeScript loader. `node scripts/build.mjs` builds
// what changed (`--force`: both; `--dry-run`: only say what it would build).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository: the folder above scripts/. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const DIGEST_FILE = '.source-digest';

/** What each build is made from, relative to the repository: folders (every file in them) and files. The lockfile
 * stands for the packages' versions, and this script for the build's own options. */
const CLIENT_SOURCES = ['client', 'shared', 'vite.config.ts', 'tsconfig.json', 'package-lock.json', 'scripts/build.mjs'];
const SERVER_SOURCES = ['server', 'shared', 'db', 'tsconfig.json', 'package-lock.json', 'scripts/build.mjs'];

/** The server bundle: `import`ed by scripts/start.mjs, and run by each worker process (server/workers.ts). */
export const SERVER_ENTRY = 'dist/server/cli.mjs';

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  if (!fs.existsSync(full)) return [];
  if (!fs.statSync(full).isDirectory()) return [relative];
  return fs
    .readdirSync(full, { withFileTypes: true })
    .filter((entry) => entry.name !== 'node_modules')
    .flatMap((entry) => filesUnder(root, path.join(relative, entry.name)));
}

/** A digest of the files `sources` name under `root`: their paths and contents, in a fixed order. */
export function sourceDigest(root, sources) {
  const hash = createHash('sha256');
  const files = [...new Set(sources.flatMap((source) => filesUnder(root, source)))].sort();
  for (const file of files) {
    const content = fs.readFileSync(path.join(root, file));
    hash.update(`${file.split(path.sep).join('/')}\0${content.length}\0`);
    hash.update(content);
  }
  return hash.digest('hex');
}

function storedDigest(dir) {
  try {
    return fs.readFileSync(path.join(dir, DIGEST_FILE), 'utf8').trim();
  } catch {
    return null;
  }
}

/** Why a build is needed ('not built yet', 'sources changed'), or null when its output is up to date. */
function staleness(outDir, output, digest) {
  if (!fs.existsSync(output)) return 'not built yet';
  return storedDigest(outDir) === digest ? null : 'sources changed';
}

function buildClient(root) {
  // A child process, so vite and its bundler are never loaded into the server's own memory. NODE_ENV=production:
  // React's and ag-grid's production builds, whatever the caller's environment says.
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) throw new Error(`The client's build failed (vite build exited with ${result.status ?? result.signal})`);
}

async function buildServer(root) {
  const esbuild = await import('esbuild');
  try {
    await esbuild.build({
      absWorkingDir: root,
      entryPoints: ['server/cli.ts'],
      outfile: SERVER_ENTRY,
      bundle: true,
      platform: 'node',
      format: 'esm',
      // The packages stay in node_modules, loaded as they are (better-sqlite3's native module, pdfkit's font files).
      packages: 'external',
      // The common-passwords list (about 6 MB in memory) is required when a password is first checked, not at start.
      alias: { '@zxcvbn-ts/language-common': './server/common-passwords-on-demand.ts' },
      target: 'node20',
      sourcemap: true,
      logLevel: 'warning',
    });
  } finally {
    // esbuild's JS API keeps a helper process for the next build; there is none, and the server should not carry it.
    await esbuild.stop();
  }
}

/**
 * Build the client and the server where their sources changed since their last build (all of it with `force`), and
 * say what was done through `say`. `dryRun`: only say it. Returns which were (or would be) built.
 */
export async function buildChanged({ root = ROOT, force = false, dryRun = false, say = (line) => console.log(line) } = {}) {
  const built = { client: false, server: false };
  const targets = [
    {
      name: 'client',
      verb: 'rebuilding',
      dir: 'dist/client',
      output: 'dist/client/index.html',
      sources: CLIENT_SOURCES,
      build: buildClient,
    },
    { name: 'server', verb: 'compiling', dir: 'dist/server', output: SERVER_ENTRY, sources: SERVER_SOURCES, build: buildServer },
  ];
  for (const target of targets) {
    const outDir = path.join(root, target.dir);
    const digest = sourceDigest(root, target.sources);
    const why = force ? 'asked to' : staleness(outDir, path.join(root, target.output), digest);
    if (why === null) {
      say(`${target.name} up to date`);
      continue;
    }
    built[target.name] = true;
    if (dryRun) {
      say(`${target.name} would be rebuilt: ${why}`);
      continue;
    }
    const started = Date.now();
    say(`${target.verb} the ${target.name}: ${why}`);
    await target.build(root);
    // Written last: a build cut off half-way leaves the old digest (or none), so the next start builds again.
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, DIGEST_FILE), `${digest}\n`);
    say(`${target.name} built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  return built;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = new Set(process.argv.slice(2));
  buildChanged({ force: args.has('--force'), dryRun: args.has('--dry-run') }).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
