// The smoke scenario, written once and run in every engine: smoke.test.ts runs all of it against
// the real app; memory-only.test.ts runs it against an app that keeps its data in memory only and
// expects the restart to fail, which proves these steps notice lost data.
// What each step does in the app is in app-steps.ts.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { AppBuild } from '../support/builds';
import { staticServer, type StaticServer } from '../support/net';
import {
  addStaff,
  addWalkInPatient,
  findPrintedPrescription,
  findSignedConsultation,
  logWalkIn,
  printPrescription,
  setUpDevice,
  typeAndSignConsultation,
  unlockAfterRestart,
  waitForSetupScreen,
} from './app-steps';
import type { Engine, EngineName } from './engine';
import { openEngine } from './engines';

export interface SmokeContext {
  readonly engine: Engine;
  /** Serves the build under test on one port for the whole scenario: the origin must not change. */
  readonly server: StaticServer;
  /** The browser profile folder every relaunch reuses. */
  readonly profile: string;
}

export interface SmokeRun extends SmokeContext {
  /** Close the browser (kill it if that fails), stop the server, delete the profile. */
  dispose(): Promise<void>;
}

/** A not yet launched engine, a new profile and a stopped server for `build` on a port of its own. */
export async function prepareSmokeRun(name: EngineName, build: AppBuild): Promise<SmokeRun> {
  const profile = await mkdtemp(join(tmpdir(), `lifeboat-${name}-profile-`));
  const server = await staticServer(build.dir);
  const engine = openEngine(name);
  return {
    engine,
    server,
    profile,
    async dispose() {
      await engine.close().catch(() => engine.kill());
      await server.stop();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export interface SmokeStep {
  readonly name: string;
  run(context: SmokeContext): Promise<void>;
}

export interface StepTime {
  readonly step: string;
  readonly seconds: number;
}

/** The record written offline and looked for after the crash: a colleague on the Staff screen. */
const RECORD = { name: 'Rita Shah', role: 'Reception' };

async function launchAndOpen({ engine, profile }: SmokeContext, url: string): Promise<void> {
  await engine.launch(profile);
  await engine.goto(url);
}

export const SMOKE_STEPS: readonly SmokeStep[] = [
  {
    name: 'first visit',
    async run(context) {
      await context.server.start();
      await launchAndOpen(context, context.server.url);
      await waitForSetupScreen(context.engine);
    },
  },
  { name: 'setup', run: ({ engine }) => setUpDevice(engine) },
  {
    name: 'service worker in control',
    // The worker claims the page once active (clientsClaim in src/service-worker/sw.ts).
    run: ({ engine }) => engine.waitUntil('navigator.serviceWorker.controller !== null', 'a service worker controls the page', 60_000),
  },
  {
    name: 'close and stop the server',
    async run({ engine, server }) {
      await engine.close();
      await server.stop();
    },
  },
  {
    name: 'relaunch offline',
    async run(context) {
      await launchAndOpen(context, context.server.url);
      await unlockAfterRestart(context.engine);
    },
  },
  {
    // Staff is a lazily loaded screen never opened in this browser: it must come from the cache.
    name: 'write a record offline',
    run: ({ engine }) => addStaff(engine, RECORD.name, RECORD.role),
  },
  { name: 'add a patient offline', run: ({ engine }) => addWalkInPatient(engine) },
  { name: 'log a walk-in offline', run: ({ engine }) => logWalkIn(engine) },
  { name: 'type and sign a consultation offline', run: ({ engine }) => typeAndSignConsultation(engine) },
  { name: 'print a prescription offline', run: ({ engine }) => printPrescription(engine) },
  {
    // Straight after the screen shows the record: what the user sees as saved must survive a crash.
    name: 'SIGKILL the browser',
    run: ({ engine }) => engine.kill(),
  },
  {
    name: 'relaunch after SIGKILL',
    async run(context) {
      await launchAndOpen(context, new URL('/staff', context.server.url).toString());
      await unlockAfterRestart(context.engine);
      await context.engine.waitForText(`${RECORD.name} (${RECORD.role})`);
    },
  },
  { name: 'the signed consultation survived', run: ({ engine }) => findSignedConsultation(engine) },
  { name: 'the printed prescription survived', run: ({ engine }) => findPrintedPrescription(engine) },
];

export function smokeStep(name: string): SmokeStep {
  const found = SMOKE_STEPS.find((step) => step.name === name);
  if (!found) throw new Error(`no smoke step named '${name}'`);
  return found;
}

/** The steps that come before the step called `name`. */
export function stepsBefore(name: string): SmokeStep[] {
  return SMOKE_STEPS.slice(0, SMOKE_STEPS.indexOf(smokeStep(name)));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A screenshot in test-results/engines/, so a failure in CI can be seen; '' if none could be taken. */
async function saveScreenshot(engine: Engine, step: string): Promise<string> {
  try {
    const dir = resolve('test-results/engines');
    await mkdir(dir, { recursive: true });
    const file = join(dir, `${engine.name}-${step.replace(/[^a-z0-9]+/gi, '-')}.png`);
    await writeFile(file, await engine.screenshot());
    return `\nscreenshot: ${file}`;
  } catch {
    return ''; // the browser may be gone (the step that failed may be the one that kills it)
  }
}

/**
 * Runs one step and records its time. A failure names the engine and the step, e.g.
 * "[webkit] step 'relaunch offline': ...", and saves a screenshot unless `evidence` is false.
 */
export async function runStep(context: SmokeContext, step: SmokeStep, times: StepTime[], evidence = true): Promise<void> {
  const { engine } = context;
  const started = performance.now();
  try {
    await step.run(context);
  } catch (error) {
    const detail = messageOf(error).replace(`[${engine.name}] `, '');
    const screenshot = evidence ? await saveScreenshot(engine, step.name) : '';
    throw new Error(`[${engine.name}] step '${step.name}': ${detail}${screenshot}`, { cause: error });
  } finally {
    times.push({ step: step.name, seconds: (performance.now() - started) / 1000 });
  }
}

export async function runSteps(context: SmokeContext, steps: readonly SmokeStep[], times: StepTime[]): Promise<void> {
  for (const step of steps) await runStep(context, step, times);
}
