// Unit tests run in node. Repository tests open their own fresh fake-indexeddb (tests/unit/db/fresh-database.ts).
export {};
