// One small interface over three browser engines, so a scenario is written once and run in
// Chromium, Firefox and WebKit. Each adapter (chromium.ts, firefox.ts, webkit.ts) implements only
// the primitives in EngineDriver; everything that can be done in the page (finding an element by
// its text or label, reading the visible text, JSON round-tripping) is done here, once, so the
// engines cannot drift apart in how a scenario's words are interpreted.

export type EngineName = 'chromium' | 'firefox' | 'webkit';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A visible text (button/link text, or a form control's label, aria-label or placeholder), or a CSS selector. */
export type Target = string | { css: string };

export interface Engine {
  readonly name: EngineName;
  /** Start the browser on this profile folder (created if missing; reused as is if not). */
  launch(profileDir: string): Promise<void>;
  goto(url: string): Promise<void>;
  click(target: Target): Promise<void>;
  /** Replace the control's value by typing `value`. */
  fill(target: Target, value: string): Promise<void>;
  /** Choose the option shown as `optionText` in a <select> found by its label. */
  select(target: Target, optionText: string): Promise<void>;
  /** The page's visible text (document.body.innerText). */
  text(): Promise<string>;
  /** Evaluate a JS expression in the page; promises are awaited; the result goes through JSON. */
  evaluate<T extends Json = Json>(expression: string): Promise<T>;
  waitForText(text: string, timeoutMs?: number): Promise<void>;
  /** Poll a JS expression in the page until it is truthy; `what` names it in the timeout error. */
  waitUntil(expression: string, what: string, timeoutMs?: number): Promise<void>;
  /** A PNG of the page as it is now, for evidence when a step fails. */
  screenshot(): Promise<Uint8Array>;
  /** Close the browser the way a user would, letting it flush and exit by itself. */
  close(): Promise<void>;
  /** SIGKILL the browser and every process it started: a crash or a power cut of the app. */
  kill(): Promise<void>;
}

/** What each adapter must provide. CSS selectors only: locating by text happens in the page. */
export interface EngineDriver {
  launch(profileDir: string): Promise<void>;
  goto(url: string): Promise<void>;
  /** Evaluate `source`, an expression yielding a Promise<string>, and return that string. */
  evaluateString(source: string): Promise<string>;
  clickCss(selector: string): Promise<void>;
  fillCss(selector: string, value: string): Promise<void>;
  screenshot(): Promise<Uint8Array>;
  close(): Promise<void>;
  kill(): Promise<void>;
}

const LOCATE_TIMEOUT_MS = 10_000;
const POLL_MS = 100;

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// Runs in the page. Finds the target and tags it with a one-off attribute so the adapter can hand
// a plain CSS selector to its engine's native click/type (real input events, unlike el.click()).
// Text matching prefers an exact match over a substring match, and visible elements only.
function locateSource(target: Target, mode: 'click' | 'fill', token: string): string {
  const spec = JSON.stringify({ target, mode, token });
  return `(() => {
    const { target, mode, token } = ${spec};
    const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
    const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
    let found = null;
    if (typeof target !== 'string') {
      found = document.querySelector(target.css);
    } else if (mode === 'click') {
      const all = [...document.querySelectorAll('button, a, [role=button], [role=link], [role=tab], [role=menuitem], input[type=submit], input[type=button], summary, label')].filter(visible);
      const textOf = (el) => norm(el.tagName === 'INPUT' ? el.value : el.innerText);
      found = all.find((el) => textOf(el) === target) || all.find((el) => textOf(el).includes(target)) || null;
    } else {
      const controls = [...document.querySelectorAll('input, textarea, select, [contenteditable=true]')].filter(visible);
      const names = (el) => [
        ...[...(el.labels || [])].map((l) => norm(l.innerText)),
        norm(el.getAttribute('aria-label')),
        norm(el.getAttribute('placeholder')),
        ...(el.getAttribute('aria-labelledby') || '').split(' ').filter(Boolean).map((id) => norm(document.getElementById(id)?.innerText)),
      ].filter(Boolean);
      found = controls.find((el) => names(el).includes(target)) || controls.find((el) => names(el).some((n) => n.includes(target))) || null;
    }
    if (!found) return Promise.resolve(JSON.stringify(null));
    found.setAttribute('data-engine-target', token);
    return Promise.resolve(JSON.stringify('[data-engine-target="' + token + '"]'));
  })()`;
}

// Wraps a user expression so every engine returns the same envelope through a string: engines
// differ in how they serialise undefined, Maps, DOM nodes and thrown errors; JSON does not.
function evaluateSource(expression: string): string {
  return `(async () => {
    try {
      const value = await (${expression});
      return JSON.stringify({ ok: value === undefined ? null : value });
    } catch (error) {
      return JSON.stringify({ error: String(error && error.stack || error) });
    }
  })()`;
}

// Runs in the page. Picks an option the way the page would see a user pick it: value set, then
// input and change events (React listens to change on a <select>). Done in the page for every
// engine alike; opening a native drop-down differs per engine and per platform.
function selectSource(selector: string, optionText: string): string {
  const spec = JSON.stringify({ selector, optionText });
  return `(() => {
    const { selector, optionText } = ${spec};
    const norm = (s) => (s || '').replace(/\\s+/g, ' ').trim();
    const select = document.querySelector(selector);
    if (!(select instanceof HTMLSelectElement)) return 'not a <select>';
    const option = [...select.options].find((o) => norm(o.text) === optionText);
    if (!option) return 'no option ' + JSON.stringify(optionText) + ' among ' + JSON.stringify([...select.options].map((o) => norm(o.text)));
    select.focus();
    select.value = option.value;
    select.dispatchEvent(new Event('input', { bubbles: true }));
    select.dispatchEvent(new Event('change', { bubbles: true }));
    return '';
  })()`;
}

function describeTarget(target: Target): string {
  return typeof target === 'string' ? JSON.stringify(target) : `css ${target.css}`;
}

/** Builds the full Engine from an adapter's primitives. */
export function createEngine(name: EngineName, driver: EngineDriver): Engine {
  let tokens = 0;

  async function evaluate<T extends Json = Json>(expression: string): Promise<T> {
    const raw = await driver.evaluateString(evaluateSource(expression));
    const envelope = JSON.parse(raw) as { ok: T } | { error: string };
    if ('error' in envelope) throw new Error(`[${name}] evaluate(${expression}) threw: ${envelope.error}`);
    return envelope.ok;
  }

  async function locate(target: Target, mode: 'click' | 'fill'): Promise<string> {
    const deadline = Date.now() + LOCATE_TIMEOUT_MS;
    for (;;) {
      tokens += 1;
      const selector = JSON.parse(await driver.evaluateString(locateSource(target, mode, `t${tokens}`))) as string | null;
      if (selector !== null) return selector;
      if (Date.now() > deadline) throw new Error(`[${name}] no element to ${mode} for ${describeTarget(target)}`);
      await sleep(POLL_MS);
    }
  }

  async function text(): Promise<string> {
    return evaluate<string>('document.body ? document.body.innerText : ""');
  }

  return {
    name,
    launch: (profileDir) => driver.launch(profileDir),
    goto: (url) => driver.goto(url),
    click: async (target) => driver.clickCss(await locate(target, 'click')),
    fill: async (target, value) => driver.fillCss(await locate(target, 'fill'), value),
    select: async (target, optionText) => {
      const problem = await evaluate<string>(selectSource(await locate(target, 'fill'), optionText));
      if (problem) throw new Error(`[${name}] cannot select ${JSON.stringify(optionText)} in ${describeTarget(target)}: ${problem}`);
    },
    text,
    evaluate,
    waitForText: async (wanted, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      let last = '';
      for (;;) {
        // A navigation in flight can make one read fail; only the deadline decides.
        last = await text().catch(() => last);
        if (last.includes(wanted)) return;
        if (Date.now() > deadline) {
          throw new Error(`[${name}] text ${JSON.stringify(wanted)} not shown within ${timeoutMs} ms; page text: ${JSON.stringify(last.slice(0, 500))}`);
        }
        await sleep(POLL_MS);
      }
    },
    waitUntil: async (expression, what, timeoutMs = 10_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (await evaluate<Json>(expression).catch(() => false)) return;
        if (Date.now() > deadline) {
          const seen = await text().catch(() => '(page text unreadable)');
          throw new Error(`[${name}] ${what}: not so within ${timeoutMs} ms; page text: ${JSON.stringify(seen.slice(0, 500))}`);
        }
        await sleep(POLL_MS);
      }
    },
    screenshot: () => driver.screenshot(),
    close: () => driver.close(),
    kill: () => driver.kill(),
  };
}
