/**
 * Renders the app icons (public/icons/*.png) from their SVGs in headless Chromium, so the PNGs
 * are reproducible without an image editor. Run: `node scripts/make-icons.mjs`.
 */
import { readFile } from 'node:fs/promises';
import { chromium } from 'playwright-core';

const jobs = [
  { svg: 'public/icons/icon.svg', out: 'public/icons/icon-192.png', size: 192 },
  { svg: 'public/icons/icon.svg', out: 'public/icons/icon-512.png', size: 512 },
  { svg: 'public/icons/icon-maskable.svg', out: 'public/icons/icon-maskable-512.png', size: 512 },
  { svg: 'public/icons/icon.svg', out: 'public/icons/apple-touch-icon-180.png', size: 180 },
];

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const job of jobs) {
  const page = await browser.newPage({ viewport: { width: job.size, height: job.size } });
  const svg = await readFile(job.svg, 'utf8');
  await page.setContent(`<html><body style="margin:0;background:transparent">${svg.replace('<svg ', `<svg width="${job.size}" height="${job.size}" `)}</body></html>`);
  await page.screenshot({ path: job.out, omitBackground: true });
  await page.close();
}
await browser.close();
