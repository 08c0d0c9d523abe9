// `npm run dev`: the API with reload on change (tsx watch, port API_PORT or 3001) and Vite's dev server (port 5173)
// proxying /trpc to it. Both are spawned from node_modules/.bin so Ctrl+C stops them both.
import { spawn } from 'node:child_process';

const apiPort = process.env.API_PORT ?? '3001';
// Vite's proxy rewrites Host to the API's address but keeps the page's Origin, so the API is told that the dev
// server's pages are the app's own (otherwise its cross-site check would refuse every save).
const devOrigins = 'http://localhost:5173,http://127.0.0.1:5173';
const children = [
  spawn('node_modules/.bin/tsx', ['watch', 'server/cli.ts', 'start'], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort, BCF_ALLOWED_ORIGINS: process.env.BCF_ALLOWED_ORIGINS ?? devOrigins },
  }),
  spawn('node_modules/.bin/vite', [], { stdio: 'inherit', env: { ...process.env, API_PORT: apiPort } }),
];
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
for (const child of children) child.once('exit', stop);
