// The command line: `start` (migrate, seed demo data and demo users into an empty database, serve), `migrate`,
// `seed`, and `user:add --email E --role R [--name N] [--org ID]...` to create an account on a fresh deployment.
// npm start runs `vite build` first, then `start`.
import { parseArgs } from 'node:util';
import { migrateToLatest, openDatabase, type DB } from '../db/connection';
import { isEmpty, seedDemo } from '../db/seed';
import { ROLES } from '../shared/roles';
import { userCreateInput } from '../shared/schemas';
import { readEnv, type Env } from './env';
import { createServer } from './http';
import { countUsers, createUser, seedDemoUsers } from './services/users';

const FIRST_ADMIN_HINT =
  'No users yet. Create the first administrator with:\n  npm run user:add -- --email you@example.org --role admin --name "Your Name"';

async function seedIfNew(db: DB, env: Env): Promise<void> {
  if (env.BCF_DEMO === '1' && (await isEmpty(db))) {
    await seedDemo(db);
    const users = await seedDemoUsers(db, env.BCF_DEMO_PASSWORD);
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

async function main(command: string | undefined, rest: string[]): Promise<void> {
  const env = readEnv();
  const db = openDatabase(env.DATABASE_URL);
  try {
    await migrateToLatest(db);
    if (command === 'migrate') {
      console.log(`Database ${env.DATABASE_URL} is up to date.`);
    } else if (command === 'seed') {
      await seedIfNew(db, env);
    } else if (command === 'user:add') {
      await addUser(db, rest);
    } else if (command === 'start') {
      await seedIfNew(db, env);
      serve(db, env);
      return;
    } else {
      console.error('usage: tsx server/cli.ts start | migrate | seed | user:add --email E --role R');
      process.exitCode = 2;
    }
  } catch (error) {
    await db.destroy();
    throw error;
  }
  await db.destroy();
}

function serve(db: DB, env: Env): void {
  const server = createServer(db, { secureCookies: env.BCF_SECURE_COOKIES === '1', trustProxy: env.BCF_TRUST_PROXY === '1' });
  server.listen(env.PORT, env.HOST, () => {
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : env.PORT;
    const host = env.HOST === '0.0.0.0' || env.HOST === '127.0.0.1' ? 'localhost' : env.HOST;
    console.log(`BCF tracker serving http://${host}:${port} (database: ${env.DATABASE_URL})`);
  });
  const stop = () => {
    server.close(() => {
      void db.destroy().then(() => process.exit(0));
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv[2], process.argv.slice(3)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
