// The first page's script: what a browser must download before any page can show, read from the built client
// (dist/client/index.html's entry script and every module it preloads), raw and gzipped. Issue 18 targets at most
// 300 KB gzipped. `node scripts/client-size.mjs [distDir]` prints it; the bench imports `firstPageScriptBytes`.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/** The paths index.html asks for at once: its module scripts and its module preloads (Vite writes both). */
function firstPageScripts(html) {
  const paths = new Set();
  for (const tag of html.match(/<(script|link)\b[^>]*>/g) ?? []) {
    const isModuleScript = tag.startsWith('<script') && /\btype="module"/.test(tag);
    const isPreload = tag.startsWith('<link') && /\brel="modulepreload"/.test(tag);
    const url = /\b(?:src|href)="([^"]+)"/.exec(tag)?.[1];
    if ((isModuleScript || isPreload) && url) paths.add(url);
  }
  return [...paths];
}

/**
 * Sizes of the first page's scripts in `distDir` (default dist/client): `raw` and `gzip` bytes in total (gzip at
 * level 9, as a server compressing static files once would), and each file's.
 */
export function firstPageScriptBytes(distDir = 'dist/client') {
  const html = fs.readFileSync(path.join(distDir, 'index.html'), 'utf8');
  const files = firstPageScripts(html).map((url) => {
    const bytes = fs.readFileSync(path.join(distDir, url.replace(/^\//, '')));
    return { file: url, raw: bytes.length, gzip: zlib.gzipSync(bytes, { level: 9 }).length };
  });
  if (files.length === 0) throw new Error(`${distDir}/index.html names no module script: is it a built client?`);
  return {
    raw: files.reduce((sum, f) => sum + f.raw, 0),
    gzip: files.reduce((sum, f) => sum + f.gzip, 0),
    files,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const distDir = process.argv[2] ?? 'dist/client';
  const size = firstPageScriptBytes(distDir);
  const kb = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;
  for (const f of size.files) console.log(`${f.file}: ${kb(f.raw)}, ${kb(f.gzip)} gzipped`);
  console.log(`first page's script: ${kb(size.raw)}, ${kb(size.gzip)} gzipped (target at most 300 kB gzipped)`);
}
