// Unit tests run in node. Repository tests open their own fresh fake-indexeddb each
// (tests/unit/db/fresh-database.ts); the global one is there because Dexie's live queries only
// run when the environment has an indexedDB at all.
import 'fake-indexeddb/auto';
