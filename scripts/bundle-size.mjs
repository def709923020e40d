// Prints what a first visit downloads (the files index.html loads), raw and gzipped, and the
// lazily loaded rest. Usage: node scripts/bundle-size.mjs [dist]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = process.argv[2] ?? 'dist';
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const firstLoad = new Set([...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]));
const sizes = (file) => {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
let total = { raw: 0, gzip: 0 };
console.log('First load:');
for (const file of [...firstLoad, 'index.html']) {
  const s = sizes(file);
  total = { raw: total.raw + s.raw, gzip: total.gzip + s.gzip };
  console.log(`  ${file.padEnd(44)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
}
console.log(`  ${'total'.padEnd(44)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} gzip`);
console.log('Loaded when needed:');
for (const file of readdirSync(join(dist, 'assets')).map((f) => `assets/${f}`).filter((f) => !firstLoad.has(f))) {
  if (!statSync(join(dist, file)).isFile()) continue;
  const s = sizes(file);
  console.log(`  ${file.padEnd(44)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gzip`);
}
