// The engine registry. LIFEBOAT_ENGINES=chromium,firefox narrows a run (e.g. on a machine without
// WebKitGTK); by default every engine runs and a missing one fails loudly rather than being skipped.
import { chromiumEngine } from './chromium';
import type { Engine, EngineName } from './engine';
import { firefoxEngine } from './firefox';
import { webkitEngine } from './webkit';

const FACTORIES: Record<EngineName, () => Engine> = {
  chromium: chromiumEngine,
  firefox: firefoxEngine,
  webkit: webkitEngine,
};

export const ALL_ENGINES: readonly EngineName[] = ['chromium', 'firefox', 'webkit'];

export function selectedEngines(): EngineName[] {
  const wanted = process.env.LIFEBOAT_ENGINES?.split(',').map((s) => s.trim()).filter(Boolean);
  if (!wanted?.length) return [...ALL_ENGINES];
  const unknown = wanted.filter((name) => !ALL_ENGINES.includes(name as EngineName));
  if (unknown.length) throw new Error(`LIFEBOAT_ENGINES: unknown engine(s) ${unknown.join(', ')}`);
  return wanted as EngineName[];
}

/** A fresh, not yet launched engine instance. */
export function openEngine(name: EngineName): Engine {
  return FACTORIES[name]();
}
