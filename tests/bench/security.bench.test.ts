// Issue 3, "Done when": the measured cost of unlock (the KDF), of opening the app with 10,000
// encrypted records, and of a save, each beside the same operation without encryption and the raw
// platform (plain IndexedDB). Runs the app's real src/db and src/crypto modules in real headless
// Chromium with IndexedDB on disk (tests/bench/page), prints a table, and checks only what can
// fail whatever the machine's speed: every record comes back equal, encrypted rows are AES-GCM on
// disk and their text is nowhere in the profile's files, and the KDF costs more than no KDF.
// Variants are interleaved run by run, so noise from other work on the machine falls on all alike.
// The figures and what they mean for users: docs/performance.md.
import { cpus } from 'node:os';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PBKDF2_ITERATIONS } from '../../src/crypto/key-wrapping';
import { newProfile, openBrowser, type Profile, type RunningBrowser } from '../e2e/support/browser';
import { staticServer, type StaticServer } from '../support/net';
import { BENCH_PAGE_DIR } from './build';
import { MARKERS, type Device, type OpenSample, type OpenStep, type SaveStep, type SeedReport, type SetUpReport, type UnlockStep, type Variant } from './page/bench-api';
import { formatTable, type Section } from './report';

const RECORDS = 10_000;
const UNLOCK_RUNS = 7;
const OPEN_RUNS = 5;
const SAVE_RUNS = 50;
const RESULTS_FILE = join(BENCH_PAGE_DIR, '..', 'bench-results', 'security.json');

// One origin per device, so each has its own 'lifeboat' database: with practice keys, and without.
const servers: Partial<Record<Device, StaticServer>> = {};
const pages: Partial<Record<Device, Page>> = {};
let profile: Profile | null = null;
let browser: RunningBrowser | null = null;
let environment = '';
let setUpReport: SetUpReport | null = null;
const seedReports: SeedReport[] = [];
const sections: Section[] = [];

/** The page of the device that keeps `variant`'s records: raw IndexedDB runs beside the plain app. */
function on(variant: Variant): Page {
  const page = pages[variant === 'raw' ? 'plain' : variant];
  if (!page) throw new Error(`no page for ${variant}`);
  return page;
}

/**
 * One untimed round (warm-up, and where asked a verification) of the steps `warmUp` picks, then
 * `runs` rounds of every step, in an order that rotates each round.
 */
async function interleaved<K extends string, R>(
  keys: readonly K[],
  runs: number,
  once: (key: K, run: number) => Promise<R>,
  warmUp: (key: K) => boolean = () => true,
): Promise<{ first: Partial<Record<K, R>>; runs: Record<K, R[]> }> {
  const first: Partial<Record<K, R>> = {};
  for (const key of keys.filter(warmUp)) first[key] = await once(key, -1);
  const results = Object.fromEntries(keys.map((k) => [k, [] as R[]])) as Record<K, R[]>;
  for (let run = 0; run < runs; run += 1) {
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[(run + i) % keys.length] as K;
      results[key].push(await once(key, run));
    }
  }
  return { first, runs: results };
}

/** Every file under `dir` holding each needle (as Latin-1/UTF-8 or UTF-16LE bytes). */
function filesHolding(dir: string, needles: readonly string[]): Map<string, string[]> {
  const hits = new Map<string, string[]>(needles.map((n) => [n, []]));
  const patterns = needles.map((n) => ({ needle: n, utf8: Buffer.from(n, 'utf8'), utf16: Buffer.from(n, 'utf16le') }));
  const walk = (path: string) => {
    for (const entry of readdirSync(path)) {
      const full = join(path, entry);
      const info = statSync(full, { throwIfNoEntry: false });
      if (info?.isDirectory()) walk(full);
      else if (info?.isFile()) {
        const bytes = readFileSync(full);
        for (const p of patterns) if (bytes.includes(p.utf8) || bytes.includes(p.utf16)) hits.get(p.needle)?.push(full.slice(dir.length));
      }
    }
  };
  walk(dir);
  return hits;
}

function heading(): string {
  const seeds = seedReports.map(
    (r) => `${r.variant}: ${r.storedJsonChars} chars stored per record, written in ${r.encodeMs.toFixed(0)} ms encoding + ${r.writeMs.toFixed(0)} ms in one transaction`,
  );
  const record = seedReports[0];
  return [
    `Lifeboat: the cost of encryption at rest (${environment})`,
    `PBKDF2-SHA256 ${setUpReport?.kdfIterations?.toLocaleString('en-GB') ?? '?'} iterations; first-run setup (completeSetup) took ${setUpReport?.setupMs.toFixed(0) ?? '?'} ms.`,
    record ? `${record.count.toLocaleString('en-GB')} signed consultations of ${record.recordJsonChars} characters of JSON each, per variant. ${seeds.join('; ')}.` : '',
    'vs plain: the same operation without encryption (for unlock: without the KDF). vs raw: the platform alone',
    '(for unlock: one AES-GCM decrypt; for opening and saves: IndexedDB with no Dexie, no zod, no crypto).',
    'Medians. The page timer counts in 0.1 ms steps, so ratios against sub-millisecond figures are rough.',
    'The variants run interleaved, but other processes share the cores: expect ±20% or more between runs.',
  ]
    .filter((line) => line !== '')
    .join('\n');
}

beforeAll(async () => {
  profile = newProfile();
  browser = await openBrowser(profile);
  for (const device of ['encrypted', 'plain'] as const) {
    const server = await staticServer(BENCH_PAGE_DIR);
    await server.start();
    servers[device] = server;
    const page = device === 'encrypted' ? browser.page : await browser.context.newPage();
    pages[device] = page;
    await page.goto(server.url);
    await page.waitForFunction(() => document.body.dataset.benchReady === 'true');
    const report = await page.evaluate(([d, markers]) => window.lifeboatBench.setUp(d, markers), [device, MARKERS] as const);
    if (device === 'encrypted') setUpReport = report;
  }
  // The user agent says 156.0.0.0 (reduced); the DevTools protocol gives the full version.
  const cdp = await browser.context.newCDPSession(browser.page);
  const { product } = await cdp.send('Browser.getVersion');
  await cdp.detach();
  environment = `${product.replace(/^(Headless)?Chrome\//, 'Chromium ')} headless, ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${new Date().toISOString().slice(0, 10)}`;
});

afterAll(async () => {
  for (const page of Object.values(pages)) await page.evaluate(() => window.lifeboatBench.close()).catch(() => undefined);
  await browser?.close().catch(() => undefined);
  browser = null;
  for (const server of Object.values(servers)) await server.stop();
  profile?.remove();
  if (sections.length === 0) return;
  console.log(`\n${formatTable(heading(), sections)}\n`);
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, `${JSON.stringify({ environment, setUp: setUpReport, seed: seedReports, sections }, null, 2)}\n`);
  console.log(`Samples: ${RESULTS_FILE}`);
});

describe('the cost of encryption at rest, in real Chromium', () => {
  it('unlock: the passphrase KDF is what costs, on the slot code the app runs', async () => {
    expect(setUpReport?.kdfIterations).toBe(PBKDF2_ITERATIONS);
    const steps: UnlockStep[] = ['slot-kdf', 'slot-no-kdf', 'unseal-only', 'unlock'];
    const { runs: ms } = await interleaved(steps, UNLOCK_RUNS, (step) => on('encrypted').evaluate((s) => window.lifeboatBench.unlockOnce(s), step));
    sections.push({
      title: 'Unlock: passphrase to practice keys in memory',
      rows: [
        { label: `key slot: PBKDF2 ${PBKDF2_ITERATIONS.toLocaleString('en-GB')} it. + AES-GCM + key import`, samples: ms['slot-kdf'], plain: ms['slot-no-kdf'], raw: ms['unseal-only'] },
        { label: 'same slot code, 1 PBKDF2 iteration (no KDF)', samples: ms['slot-no-kdf'], raw: ms['unseal-only'] },
        { label: 'AES-GCM unseal alone, key derived before', samples: ms['unseal-only'] },
        { label: 'unlock() as the lock screen runs it, + audit', samples: ms.unlock },
      ],
    });
    // Every PBKDF2 run is slower than every run without it: a KDF that stopped working would not be.
    expect(Math.min(...ms['slot-kdf'])).toBeGreaterThan(Math.max(...ms['slot-no-kdf']));
    expect(Math.min(...ms.unlock)).toBeGreaterThan(Math.max(...ms['slot-no-kdf']));
  });

  it(`opening with ${RECORDS.toLocaleString('en-GB')} records: every one comes back equal, and on disk only as AES-GCM`, async () => {
    for (const variant of ['encrypted', 'plain', 'raw'] as const) {
      seedReports.push(await on(variant).evaluate(([v, n]) => window.lifeboatBench.seed(v, n), [variant, RECORDS] as const));
    }
    type Step = 'encrypted-list' | 'encrypted-rows' | 'plain-list' | 'plain-rows' | 'raw';
    const steps: Step[] = ['encrypted-list', 'encrypted-rows', 'plain-list', 'plain-rows', 'raw'];
    const parts: Record<Step, [Variant, OpenStep]> = {
      'encrypted-list': ['encrypted', 'list'],
      'encrypted-rows': ['encrypted', 'rows'],
      'plain-list': ['plain', 'list'],
      'plain-rows': ['plain', 'rows'],
      raw: ['raw', 'list'],
    };
    // The untimed first round, of list and raw only, verifies every record against what was written.
    const { first, runs } = await interleaved(
      steps,
      OPEN_RUNS,
      (step, run) => on(parts[step][0]).evaluate(([v, p, verify]) => window.lifeboatBench.openOnce(v, p, verify), [...parts[step], run < 0] as const),
      (step) => parts[step][1] === 'list',
    );
    const ms = (step: Step) => runs[step].map((s) => s.ms);
    const decode = (list: Step, rows: Step) => runs[list].map((s, i) => s.ms - (runs[rows][i]?.ms ?? 0));
    sections.push({
      title: `Opening: ${RECORDS.toLocaleString('en-GB')} consultations read, decrypted, validated (listConsultations)`,
      rows: [
        { label: 'encrypted, through the app', samples: ms('encrypted-list'), plain: ms('plain-list'), raw: ms('raw') },
        { label: '  of which reading the rows (Dexie toArray)', samples: ms('encrypted-rows'), plain: ms('plain-rows'), raw: ms('raw') },
        { label: '  of which decrypting + validating', samples: decode('encrypted-list', 'encrypted-rows'), plain: decode('plain-list', 'plain-rows') },
        { label: 'plain, through the app (a device without keys)', samples: ms('plain-list'), raw: ms('raw') },
        { label: 'raw IndexedDB getAll(), no Dexie, no zod', samples: ms('raw') },
      ],
    });
    // The app's stores hold the seeded records and the draft setUp started.
    const verified = (['encrypted-list', 'plain-list', 'raw'] as const).map((step) => {
      const sample: OpenSample | undefined = first[step];
      return sample && { variant: sample.variant, count: sample.count, mismatches: sample.mismatches, firstMismatch: sample.firstMismatch };
    });
    expect(verified).toEqual([
      { variant: 'encrypted', count: RECORDS + 1, mismatches: 0, firstMismatch: null },
      { variant: 'plain', count: RECORDS + 1, mismatches: 0, firstMismatch: null },
      { variant: 'raw', count: RECORDS, mismatches: 0, firstMismatch: null },
    ]);
    expect(steps.flatMap((step) => runs[step]).filter((s) => s.count !== (s.variant === 'raw' ? RECORDS : RECORDS + 1))).toEqual([]);

    const rows = RECORDS + 1;
    expect(await on('encrypted').evaluate(() => window.lifeboatBench.storedForm())).toEqual({
      rows,
      aesGcm: rows,
      plain: 0,
      other: 0,
      withMarkerInClear: 0,
      keyIds: 1,
      auditRows: 1,
      auditAesGcm: 1,
    });
    // The control: the same check finds the text of the plain device's records in clear.
    expect(await on('plain').evaluate(() => window.lifeboatBench.storedForm())).toEqual({
      rows,
      aesGcm: 0,
      plain: rows,
      other: 0,
      withMarkerInClear: rows,
      keyIds: 0,
      auditRows: 1,
      auditAesGcm: 0,
    });
  });

  it('a save: validated, encrypted, audited and committed with strict durability; read back equal', async () => {
    type Step = 'encrypted-autosave' | 'encrypted-new' | 'plain-autosave' | 'plain-new' | 'raw';
    const steps: Step[] = ['encrypted-autosave', 'encrypted-new', 'plain-autosave', 'plain-new', 'raw'];
    const parts: Record<Step, [Variant, SaveStep]> = {
      'encrypted-autosave': ['encrypted', 'autosave'],
      'encrypted-new': ['encrypted', 'new'],
      'plain-autosave': ['plain', 'autosave'],
      'plain-new': ['plain', 'new'],
      raw: ['raw', 'new'],
    };
    const { runs: ms } = await interleaved(steps, SAVE_RUNS, (step) => on(parts[step][0]).evaluate(([v, k]) => window.lifeboatBench.saveOnce(v, k), parts[step]));
    sections.push({
      title: 'A save: one consultation committed to disk (durability strict)',
      rows: [
        { label: 'autosave of a draft, encrypted (saveDraft)', samples: ms['encrypted-autosave'], plain: ms['plain-autosave'], raw: ms.raw },
        { label: 'autosave of a draft, plain', samples: ms['plain-autosave'], raw: ms.raw },
        { label: 'new consultation + audit row, encrypted', samples: ms['encrypted-new'], plain: ms['plain-new'], raw: ms.raw },
        { label: 'new consultation + audit row, plain', samples: ms['plain-new'], raw: ms.raw },
        { label: 'raw IndexedDB put(), durability strict', samples: ms.raw },
      ],
    });
    // Every run saved a new consultation, and all autosaves went to the one draft.
    const runs = SAVE_RUNS + 1;
    for (const variant of ['encrypted', 'plain', 'raw'] as const) {
      const saved = variant === 'raw' ? runs : runs + 1;
      expect(await on(variant).evaluate((v) => window.lifeboatBench.checkSaves(v), variant), variant).toEqual({ saved, savedEqual: saved });
    }
    const encrypted = await on('encrypted').evaluate(() => window.lifeboatBench.storedForm());
    expect(encrypted.aesGcm).toBe(encrypted.rows);
    expect(encrypted.auditAesGcm).toBe(encrypted.auditRows);
    expect(encrypted.auditRows).toBeGreaterThan(runs);
    expect((await on('plain').evaluate(() => window.lifeboatBench.storedForm())).auditAesGcm).toBe(0);
  });

  it('once the browser has closed, no file of the profile holds the encrypted records’ text; the plain and raw ones’ is found', async () => {
    for (const page of Object.values(pages)) await page.evaluate(() => window.lifeboatBench.close());
    await browser?.close();
    browser = null;
    if (!profile) throw new Error('no profile');
    const hits = filesHolding(profile.dir, [MARKERS.encrypted, MARKERS.plain, MARKERS.raw]);
    expect(hits.get(MARKERS.encrypted)).toEqual([]);
    // The controls, found in the browser's IndexedDB files (not, say, in a cached script).
    expect(hits.get(MARKERS.plain)?.filter((file) => file.includes('IndexedDB'))).not.toEqual([]);
    expect(hits.get(MARKERS.raw)?.filter((file) => file.includes('IndexedDB'))).not.toEqual([]);
  });
});
