// The app of vite.config.ts, broken on purpose: before the app starts, its IndexedDB is replaced
// by fake-indexeddb, which keeps everything in memory. Everything works until the page is loaded
// again (as after a browser restart); then the practice, the users and every record are gone.
// The engine suite builds this (BUILD_MEMORY_ONLY in builds.ts) to prove that its restart steps
// notice lost data. Nothing in src/ knows about it, so the production bundle cannot carry it.
import { resolve } from 'node:path';
import { mergeConfig, type Plugin } from 'vite';
import appConfig from '../../vite.config.ts';

const ENTRY = resolve('src/main.tsx');
const SHIM = 'virtual:lifeboat-memory-only-indexeddb';

// Dexie takes its IndexedDB from Dexie.dependencies (its documented hook for shims) when a database
// object is made, which the app does lazily, after main.tsx has started. The globals are replaced
// too, for any code that reaches for indexedDB itself. Bundling may evaluate Dexie's chunk before
// this module, so setting the globals alone would not be enough.
const SHIM_SOURCE = `
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { indexedDB, IDBKeyRange } from 'fake-indexeddb';
Dexie.dependencies.indexedDB = indexedDB;
Dexie.dependencies.IDBKeyRange = IDBKeyRange;
`;

function memoryOnlyIndexedDb(): Plugin {
  return {
    name: 'lifeboat-test-memory-only-indexeddb',
    enforce: 'pre',
    resolveId: (id) => (id === SHIM ? `\0${SHIM}` : null),
    load: (id) => (id === `\0${SHIM}` ? SHIM_SOURCE : null),
    transform(code, id) {
      if (id !== ENTRY) return null;
      return { code: `import '${SHIM}';\n${code}`, map: null };
    },
  };
}

export default mergeConfig(appConfig, { plugins: [memoryOnlyIndexedDb()] });
