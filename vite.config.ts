// Vite builds the client (client/ -> dist/client) and proxies /trpc to the API in development; Vitest runs every
// test (unit, api, e2e) from the same file.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const API_PORT = Number(process.env.API_PORT ?? 3001);

export default defineConfig({
  root: 'client',
  plugins: [react()],
  build: {
    outDir: '../dist/client',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2500,
    // Scripts are split by page (client/routes.tsx); the styles stay one file, in the order they always cascaded in.
    cssCodeSplit: false,
  },
  server: { port: 5173, proxy: { '/trpc': `http://127.0.0.1:${API_PORT}`, '/export': `http://127.0.0.1:${API_PORT}` } },
  test: {
    root: '.',
    include: ['tests/**/*.test.ts'],
    // Browser tests share two cores with each other's servers and Chromiums: give a slow step room.
    testTimeout: 45_000,
    hookTimeout: 120_000,
    globalSetup: ['tests/global-setup.ts'],
  },
});
