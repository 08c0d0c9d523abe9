// The command line: `start` (migrate, seed demo data and demo users into an empty database, serve), `migrate`,
// `seed`, `user:add --email E --role R [--name N] [--org ID]...` to create an account on a fresh deployment, and
// `backup FILE` / `restore FILE` (db/backup.ts). npm start (scripts/start.mjs) builds what changed, then runs `start` from
// the compiled bundle, dist/server/cli.mjs, under plain Node; the other commands run through tsx.
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backupDatabase, restoreDatabase } from '../db/backup';
import { isPostgresUrl, migrateToLatest, openDatabase, type DB } from '../db/connection';
import { copyDatabase } from '../db/copy';
import { isEmpty, seedDemo, seedDemoUsers } from './demo/seed';
import { ROLES } from '../shared/roles';
import { userCreateInput } from '../shared/schemas';
import { readEnv, workerCount, type Env } from './env';
import { createServer, drain } from './http';
import { createLogger, redactUrl, type Logger } from './log';
import { smtpSender } from './mail/sender';
import { startMailWorker, type MailWorker } from './mail/worker';
import { countUsers, createUser } from './services/users';
import { releaseYoungGeneration } from './startup-memory';
import { isWorkerProcess, runWorkers, workerNumber } from './workers';

const FIRST_ADMIN_HINT =
  'No users yet. Create the first administrator with:\n  npm run user:add -- --email you@example.org --role admin --name "Your Name"';

async function seedIfNew(db: DB, env: Env): Promise<void> {
  if (env.BCF_DEMO === '1' && (await isEmpty(db))) {
    // One transaction: a first start that stops half-way leaves an empty database, which the next start seeds again.
    const users = await db.transaction().execute(async (tx) => {
      await seedDemo(tx);
      return seedDemoUsers(tx, env.BCF_DEMO_PASSWORD);
    });
    console.log('Seeded the illustrative demo data (fictional partnerships and amounts) and demo users.');
    console.log('Demo sign-ins (shown once; set BCF_DEMO_PASSWORD to choose the password):');
    for (const u of users)
      console.log(`  ${u.email.padEnd(28)} ${u.role.padEnd(16)} password: ${env.BCF_DEMO_PASSWORD ? '(BCF_DEMO_PASSWORD)' : u.password}`);
  } else if ((await countUsers(db)) === 0) {
    console.log(FIRST_ADMIN_HINT);
  }
}

async function addUser(db: DB, args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, org: { type: 'string', multiple: true } },
  });
  const parsed = userCreateInput.safeParse({
    email: values.email,
    role: values.role,
    name: values.name ?? values.email?.split('@')[0] ?? '',
    orgIds: (values.org ?? []).map(Number),
  });
  if (!parsed.success) {
    throw new Error(
      `${parsed.error.issues.map((i) => i.message).join('\n')}\nusage: npm run user:add -- --email E --role ${ROLES.join('|')} [--name N] [--org ORG_ID]...`,
    );
  }
  const { user, password } = await createUser(db, { userId: null }, parsed.data);
  console.log(`Created ${user.role} ${user.email} (id ${user.id}). Password (shown once): ${password}`);
}

/** `backup FILE` and `restore FILE` work on the database file itself and never migrate it: a backup must copy the
 * database as it is, and a restore must not touch the one it replaces before it is safely set aside. */
async function backupOrRestore(command: 'backup' | 'restore', file: string | undefined, env: Env): Promise<void> {
  if (!file) {
    console.error(`usage: npm run ${command} -- FILE   (DATABASE_URL is ${redactUrl(env.DATABASE_URL)})`);
    process.exitCode = 2;
    return;
  }
  if (command === 'backup') {
    const summary = await backupDatabase(env.DATABASE_URL, file);
    console.log(
      `Backed up ${redactUrl(env.DATABASE_URL)} to ${summary.file} (${summary.bytes.toLocaleString('en-GB')} bytes, ${summary.batches.toLocaleString('en-GB')} changes, ${summary.auditEvents.toLocaleString('en-GB')} audit events); integrity_check ok.`,
    );
  } else {
    const summary = await restoreDatabase(file, env.DATABASE_URL);
    console.log(
      `Restored ${file} into ${summary.file} (${summary.batches.toLocaleString('en-GB')} changes, ${summary.auditEvents.toLocaleString('en-GB')} audit events); integrity_check ok.` +
        (summary.keptAs ? ` The database it replaced is kept as ${summary.keptAs}.` : ''),
    );
  }
}

/** `db:copy --to postgres://...`: copy the SQLite database at DATABASE_URL into an empty PostgreSQL database (issue 8). */
async function copyTo(source: DB, env: Env, args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { to: { type: 'string' } } });
  if (!values.to || !isPostgresUrl(values.to))
    throw new Error('usage: npm run db:copy -- --to postgres://user:password@host:5432/database');
  if (isPostgresUrl(env.DATABASE_URL))
    throw new Error('db:copy copies from SQLite: set DATABASE_URL to the SQLite file (the default is data/bcf.sqlite)');
  const target = openDatabase(values.to);
  try {
    const summary = await copyDatabase(source, target);
    const rows = summary.tables.reduce((acc, t) => acc + t.rows, 0);
    console.log(
      `Copied ${rows.toLocaleString('en-GB')} rows in ${summary.tables.length} tables from ${env.DATABASE_URL} to ${redactUrl(values.to)}.`,
    );
    console.log('Start the app on PostgreSQL by setting DATABASE_URL to that URL: DATABASE_URL=postgres://... npm start');
  } finally {
    await target.destroy();
  }
}

async function main(command: string | undefined, rest: string[]): Promise<void> {
  const env = readEnv();
  if (command === 'backup' || command === 'restore') {
    await backupOrRestore(command, rest[0], env);
    return;
  }
  const db = openDatabase(env.DATABASE_URL);
  try {
    // A worker process serves a database its primary has migrated and seeded already (server/workers.ts).
    if (command === 'start' && isWorkerProcess()) {
      serve(db, env);
      return;
    }
    await migrateToLatest(db);
    if (command === 'migrate') {
      console.log(`Database ${redactUrl(env.DATABASE_URL)} is up to date.`);
    } else if (command === 'seed') {
      await seedIfNew(db, env);
    } else if (command === 'user:add') {
      await addUser(db, rest);
    } else if (command === 'db:copy') {
      await copyTo(db, env, rest);
    } else if (command === 'start') {
      await seedIfNew(db, env);
      const workers = workerCount(env);
      if (workers === 1) {
        serve(db, env);
        return;
      }
      await db.destroy();
      // Each worker runs this same file (the compiled bundle under npm start) with `start`.
      runWorkers({
        count: workers,
        entry: fileURLToPath(import.meta.url),
        log: createLogger(env.BCF_LOG === '1'),
        graceMs: env.BCF_SHUTDOWN_GRACE_MS,
      });
      return;
    } else {
      console.error(
        'usage: tsx server/cli.ts start | migrate | seed | user:add --email E --role R | backup FILE | restore FILE | db:copy --to postgres://...',
      );
      process.exitCode = 2;
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  await db.destroy();
}

/** With BCF_SMTP_URL, the mail worker that emails notifications (server/mail/); without it, in-app only. */
function startMail(db: DB, env: Env, log: Logger, localUrl: string): { worker: MailWorker; close: () => void } | null {
  if (!env.BCF_SMTP_URL) return null;
  const sender = smtpSender(env.BCF_SMTP_URL, env.BCF_MAIL_FROM);
  const worker = startMailWorker({
    db,
    send: sender.send,
    publicUrl: env.BCF_PUBLIC_URL ?? localUrl,
    log,
    intervalMs: env.BCF_MAIL_POLL_MS,
  });
  log.info('mail worker started', { smtp: redactUrl(env.BCF_SMTP_URL) });
  return { worker, close: sender.close };
}

function serve(db: DB, env: Env): void {
  const log = createLogger(env.BCF_LOG === '1');
  const server = createServer(db, {
    secureCookies: env.BCF_SECURE_COOKIES === '1',
    trustProxy: env.BCF_TRUST_PROXY === '1',
    allowedOrigins: env.BCF_ALLOWED_ORIGINS,
    log,
    // Several processes on one PostgreSQL database hear each other's changes through LISTEN (server/live/).
    live: isPostgresUrl(env.DATABASE_URL) ? { listenUrl: env.DATABASE_URL } : {},
    workerNumber: workerNumber(),
  });
  server.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
    mail = startMail(db, env, log, `http://${host}:${port}`);
    console.log(`BCF tracker serving http://${host}:${port} (database: ${redactUrl(env.DATABASE_URL)})`);
    log.info('listening', { host: env.HOST, port, pid: process.pid, worker: workerNumber() });
    releaseYoungGeneration();
  });
  let mail: { worker: MailWorker; close: () => void } | null = null;
  let stopping = false;
  /** Graceful shutdown: stop accepting, let requests in flight finish (a save under way is completed and answered,
   * not cut off), close the database, exit 0; 1 if the grace period ran out first. A second Ctrl+C (SIGINT) ends it
   * at once; a repeated SIGTERM does not, because a supervisor signalling the whole process group (systemd) and
   * tsx relaying the same signal to this process can deliver it twice. */
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      if (signal === 'SIGINT') process.exit(1);
      return;
    }
    stopping = true;
    log.info('stopping', { signal, graceMs: env.BCF_SHUTDOWN_GRACE_MS });
    void drain(server, env.BCF_SHUTDOWN_GRACE_MS)
      .then(async (drained) => {
        await mail?.worker.stop();
        mail?.close();
        await db.destroy();
        log.info('stopped', { drained });
        process.exit(drained ? 0 : 1);
      })
      .catch((error: unknown) => {
        log.error('shutdown failed', { error: error instanceof Error ? error.message : String(error) });
        process.exit(1);
      });
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
