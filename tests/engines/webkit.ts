// WebKit: Debian's WebKitGTK through its WebDriver (WebKitWebDriver), driven by selenium-webdriver.
// Playwright's WebKit is a patched build we cannot download here. Three pieces per launch, all ours
// to start and stop:
//   Xvfb              WebKitGTK needs an X display, headless or not;
//   WebKitWebDriver   on a free port; we open the session against it directly, so Selenium
//                     Manager (which would try to download drivers) never runs;
//   webkit-launcher.py the "browser binary": MiniBrowser keeps no data between launches, the
//                     launcher stores everything under the profile folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { By, Capabilities, WebDriver } from 'selenium-webdriver';
import { Executor, HttpClient } from 'selenium-webdriver/http';
import { createEngine, type Engine } from './engine';
import { freePort, waitForPort } from '../support/net';
import { killAll, killProfileProcesses, pidsWithArgument, processTree, waitForExit } from '../support/processes';

const DRIVER = process.env.LIFEBOAT_WEBKIT_DRIVER ?? '/usr/bin/WebKitWebDriver';
// System python: the launcher needs Debian's python3-gi, which a pyenv/venv python3 on PATH lacks.
const PYTHON = '/usr/bin/python3';
const LAUNCHER = join(dirname(fileURLToPath(import.meta.url)), 'webkit-launcher.py');
// A broken launcher (missing GI typelib, no display) makes session creation hang silently.
const SESSION_TIMEOUT_MS = 30_000;

/** Starts Xvfb on the first free display (-displayfd reports which) and resolves with it. */
function startXvfb(): Promise<{ display: string; process: ChildProcess }> {
  return new Promise((ok, fail) => {
    const xvfb = spawn('Xvfb', ['-displayfd', '3', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp'], { stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    xvfb.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
    xvfb.stdio[3]?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) ok({ display: `:${out.trim()}`, process: xvfb });
    });
    xvfb.once('error', fail);
    xvfb.once('exit', (code) => fail(new Error(`Xvfb exited (${code}): ${err.slice(-500)}`)));
  });
}

async function stopProcess(child: ChildProcess | null): Promise<void> {
  if (!child?.pid || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((ok) => child.once('exit', () => ok()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(timer);
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

export function webkitEngine(): Engine {
  let xvfb: ChildProcess | null = null;
  let driverProcess: ChildProcess | null = null;
  let session: WebDriver | null = null;
  let profile = '';
  let driverLog = '';

  function current(): WebDriver {
    if (!session) throw new Error('[webkit] not launched');
    return session;
  }

  async function stopHelpers(): Promise<void> {
    session = null;
    await stopProcess(driverProcess);
    driverProcess = null;
    await stopProcess(xvfb);
    xvfb = null;
  }

  return createEngine('webkit', {
    async launch(profileDir) {
      profile = resolve(profileDir);
      try {
        const x = await startXvfb();
        xvfb = x.process;
        const port = await freePort();
        driverLog = '';
        driverProcess = spawn(DRIVER, [`--port=${port}`, '--host=127.0.0.1'], {
          // NO_AT_BRIDGE: no accessibility bus in CI; GTK would otherwise wait for it and warn.
          env: { ...process.env, DISPLAY: x.display, NO_AT_BRIDGE: '1' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        driverProcess.stdout?.on('data', (chunk: Buffer) => (driverLog = (driverLog + chunk.toString()).slice(-4000)));
        driverProcess.stderr?.on('data', (chunk: Buffer) => (driverLog = (driverLog + chunk.toString()).slice(-4000)));
        await waitForPort(port, 10_000);
        const capabilities = new Capabilities().set('webkitgtk:browserOptions', { binary: PYTHON, args: [LAUNCHER, '--profile', profile] });
        const driver = WebDriver.createSession(new Executor(new HttpClient(`http://127.0.0.1:${port}`)), capabilities);
        await withTimeout(driver.getSession(), SESSION_TIMEOUT_MS, '[webkit] session creation');
        // Scripts (evaluate) may await IndexedDB or a service worker; the default 30 s is plenty,
        // but set it explicitly: it is what bounds a hung evaluate.
        await driver.manage().setTimeouts({ script: 30_000, pageLoad: 60_000 });
        session = driver;
      } catch (error) {
        await killProfileProcesses(profile).catch(() => undefined);
        await stopHelpers();
        throw new Error(`[webkit] launch failed: ${String(error)}\n--- WebKitWebDriver output ---\n${driverLog}`, { cause: error });
      }
    },
    async goto(url) {
      await current().get(url);
    },
    // executeAsyncScript hands the result back through a callback; the source yields a promise.
    evaluateString: async (source) =>
      String(await current().executeAsyncScript(`const done = arguments[arguments.length - 1]; (${source}).then(done, (e) => done(JSON.stringify({ error: String(e) })));`)),
    async clickCss(selector) {
      await current().findElement(By.css(selector)).click();
    },
    async fillCss(selector, value) {
      const field = await current().findElement(By.css(selector));
      await field.clear();
      await field.sendKeys(value);
    },
    screenshot: async () => Buffer.from(await current().takeScreenshot(), 'base64'),
    async close() {
      // Not driver.quit(): deleting the session makes WebKitWebDriver force-exit (SIGKILL) the
      // browser. Instead SIGTERM the launcher, which leaves its GTK main loop and exits normally,
      // and wait for its helper processes (network process: IndexedDB) to finish too.
      if (!profile) return; // never launched: an empty needle would match unrelated processes
      const pids = processTree(pidsWithArgument(profile));
      const launcher = pids.filter((pid) => pidsWithArgument(LAUNCHER).includes(pid));
      for (const pid of launcher) process.kill(pid, 'SIGTERM');
      if (!(await waitForExit(pids, 10_000))) killAll(pids);
      await stopHelpers();
    },
    async kill() {
      await killProfileProcesses(profile);
      await stopHelpers();
    },
  });
}
