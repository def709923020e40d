// The production build, read from disk (the e2e project's global setup builds it into BUILD_A.dir):
// an installable manifest with real icons, no inline script, and a service worker that precaches
// every file the app may need offline.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_A } from '../support/builds';

const dir = BUILD_A.dir;

/** No file of the app should come near this; a bigger one is a mistake (an inlined image, a source map). */
const MAX_FILE_BYTES = 1024 * 1024;

function filesIn(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    return entry.isDirectory() ? filesIn(path) : [relative(dir, path).split(sep).join('/')];
  });
}

interface ManifestIcon {
  src: string;
  sizes: string;
  type?: string;
  purpose?: string;
}

interface WebManifest {
  name?: string;
  short_name?: string;
  start_url?: string;
  display?: string;
  theme_color?: string;
  icons?: ManifestIcon[];
}

function readManifest(): WebManifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.webmanifest'), 'utf8')) as WebManifest;
}

/** Width and height from a PNG's IHDR chunk, which always comes first. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])), `${file} is a PNG`).toBe(true);
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The list workbox's injectManifest wrote into sw.js in place of self.__WB_MANIFEST. */
function precachedUrls(): string[] {
  const sw = readFileSync(join(dir, 'sw.js'), 'utf8');
  expect(sw).not.toContain('self.__WB_MANIFEST');
  const match = /\[\{"(?:revision|url)":[^\]]*\]/.exec(sw);
  if (!match) throw new Error('No precache manifest found in sw.js');
  const entries = JSON.parse(match[0]) as { url: string; revision: string | null }[];
  return entries.map((entry) => entry.url.replace(/^\//, ''));
}

describe('the production build', () => {
  it('has a web app manifest the browsers will install', () => {
    const manifest = readManifest();
    expect(manifest.name).toMatch(/Lifeboat/);
    expect(manifest.short_name).toBe('Lifeboat');
    expect(manifest.start_url).toBe('/');
    expect(manifest.display).toBe('standalone');
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);

    const icons = manifest.icons ?? [];
    expect(icons.map((icon) => icon.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));
    expect(icons.some((icon) => icon.purpose?.split(' ').includes('maskable'))).toBe(true);
  });

  it('has every icon the manifest names, as a PNG of the size it declares', () => {
    const icons = readManifest().icons ?? [];
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      const file = join(dir, icon.src.replace(/^\//, ''));
      expect(existsSync(file), `${icon.src} exists`).toBe(true);
      expect(icon.type).toBe('image/png');
      const { width, height } = pngSize(file);
      expect(`${width}x${height}`, icon.src).toBe(icon.sizes);
    }
  });

  it('links the manifest from index.html and has no inline script', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const manifestLinks = [...html.matchAll(/<link\b[^>]*\brel="manifest"[^>]*>/g)].map((m) => m[0]);
    expect(manifestLinks.length).toBeGreaterThan(0);
    for (const link of manifestLinks) expect(link).toContain('href="/manifest.webmanifest"');

    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [tag, attributes, body] of scripts) {
      expect(attributes, tag).toMatch(/\bsrc="\/assets\/[^"]+\.js"/);
      expect(body?.trim(), tag).toBe('');
    }
    expect(html).not.toMatch(/\son[a-z]+="/i);
  });

  it('precaches every file of the build, and nothing that is not in it', () => {
    const files = filesIn(dir).filter((file) => file !== 'sw.js' && !file.endsWith('.map'));
    const precached = precachedUrls();

    expect(files).toContain('index.html');
    expect(files.some((file) => file.startsWith('assets/') && file.endsWith('.js'))).toBe(true);
    expect([...new Set(precached)].sort()).toEqual([...files].sort());
  });

  it('leaves PDF making, QR reading and the repositories of later screens out of the first load', () => {
    const html = readFileSync(join(dir, 'index.html'), 'utf8');
    const firstLoad = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1] ?? '');
    expect(firstLoad.length).toBeGreaterThan(0);
    const firstLoadText = firstLoad.map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    const everyScript = filesIn(dir)
      .filter((file) => file.endsWith('.js'))
      .map((file) => readFileSync(join(dir, file), 'utf8'))
      .join('\n');
    // A text only each of these carries: each must be in the build (or the check proves nothing), and not in the first load.
    const lazy = {
      jsPDF: 'jsPDF PubSub Error',
      jsQR: 'dataCodewordsPerBlock',
      'the prescription repository': 'Only the prescriber named on this prescription can print it',
      'the hand-over repository': 'so a hand-over carries nothing readable',
    };
    for (const [what, text] of Object.entries(lazy)) {
      expect(everyScript, `${what} is in the build`).toContain(text);
      expect(firstLoadText.includes(text), `${what} is not in the first load`).toBe(false);
    }
  });

  it('has no file over 1 MB', () => {
    const tooBig = filesIn(dir)
      .map((file) => ({ file, bytes: statSync(join(dir, file)).size }))
      .filter(({ bytes }) => bytes > MAX_FILE_BYTES);
    expect(tooBig).toEqual([]);
  });
});
