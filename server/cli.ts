// The command line: `start` (migrate, seed demo data into an empty database, serve), `migrate`, `seed`.
// npm start runs `vite build` first, then `start`.
import { migrateToLatest, openDatabase } from '../db/connection';
import { isEmpty, seedDemo } from '../db/seed';
import { readEnv } from './env';
import { createServer } from './http';

async function main(command: string | undefined): Promise<void> {
  const env = readEnv();
  const db = openDatabase(env.DATABASE_URL);
  await migrateToLatest(db);

  if (command === 'migrate') {
    console.log(`Database ${env.DATABASE_URL} is up to date.`);
    await db.destroy();
    return;
  }
  if (command === 'seed' || command === 'start') {
    if (env.BCF_DEMO === '1' && (await isEmpty(db))) {
      await seedDemo(db);
      console.log('Seeded the illustrative demo data (fictional partnerships and amounts).');
    } else if (command === 'seed') {
      console.log(env.BCF_DEMO === '0' ? 'BCF_DEMO=0: no demo data.' : 'The database already holds data; nothing seeded.');
    }
  }
  if (command === 'seed') {
    await db.destroy();
    return;
  }
  if (command !== 'start') {
    console.error('usage: tsx server/cli.ts start | migrate | seed');
    process.exitCode = 2;
    await db.destroy();
    return;
  }

  const server = createServer(db);
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
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
