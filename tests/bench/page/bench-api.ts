// What the benchmark page (bench-entry.ts) puts on `window.lifeboatBench`, shared with the vitest
// file that drives it through page.evaluate. The page is served from two origins, so each has its
// own 'lifeboat' database: one device with practice keys (every record encrypted), one that never
// had keys (the app as it stored records before encryption). Raw IndexedDB runs in the second.
// Each call runs one repetition and returns what it measured in the page with performance.now(),
// so the test can interleave the variants (noise from other work on the machine then falls on all
// of them alike) and take medians.

/** How records are kept: through the app with encryption, through the app without, or raw IndexedDB. */
export type Variant = 'encrypted' | 'plain' | 'raw';
/** The device a page plays: with practice keys, or without. */
export type Device = Exclude<Variant, 'raw'>;

/**
 * Unlock steps: the real key slot (PBKDF2-SHA256 at the app's iteration count, then AES-GCM),
 * the same slot code with 1 PBKDF2 iteration (the KDF taken out), the AES-GCM unseal alone with
 * a key derived beforehand, and the app's whole unlock() (throttle check, slot, keys, device and
 * user read, audit row written).
 */
export type UnlockStep = 'slot-kdf' | 'slot-no-kdf' | 'unseal-only' | 'unlock';

/**
 * Opening: `list` is listConsultations() on a new connection (what a list screen runs: every row
 * read, decrypted, validated); `rows` is the same table read on a new connection with nothing
 * decoded (Dexie toArray), so list − rows is what decrypting and validating cost.
 */
export type OpenStep = 'list' | 'rows';

/**
 * Saves: `autosave` is saveDraft() on an open draft (what typing into a consultation does every
 * few hundred milliseconds; audited once per editing spell, so no audit row); `new` is
 * startConsultation() (validated, patient read, record and its audit row in one transaction).
 */
export type SaveStep = 'autosave' | 'new';

/**
 * Text in every record's free text, different per variant, so a scan of the disk can tell them
 * apart. Handed to the page by setUp, never imported by it: the built page's JavaScript sits in
 * the browser's HTTP cache, and would otherwise put every marker on disk in clear.
 */
export const MARKERS: Record<Variant, string> = {
  encrypted: 'BenchMarkerEncryptedQuixotic',
  plain: 'BenchMarkerPlainZanzibar',
  raw: 'BenchMarkerRawWhortleberry',
};

export interface SetUpReport {
  device: Device;
  /** The PBKDF2 iteration count of the user's key slot as setup made it (null without keys). */
  kdfIterations: number | null;
  /** completeSetup: key slots (one PBKDF2), practice, user, audit, in one transaction; 0 without keys. */
  setupMs: number;
}

export interface SeedReport {
  variant: Variant;
  count: number;
  /** Mean length of a record's JSON (clear fields and the `data` payload), in characters. */
  recordJsonChars: number;
  /** Mean length of a stored row's JSON (for encrypted rows: base64 ciphertext, IV, key id). */
  storedJsonChars: number;
  /** Encoding every record (toRow: encrypting with the practice keys, or wrapping as plain). */
  encodeMs: number;
  /** One bulkPut transaction (or, raw, one transaction of puts), durability strict. */
  writeMs: number;
}

export interface OpenSample {
  variant: Variant;
  ms: number;
  count: number;
  /** Only when asked to verify: records that differ from what was written (by canonical JSON). */
  mismatches: number;
  firstMismatch: string | null;
}

/** Consultation rows per payload codec, read back with plain IndexedDB (no Dexie, no app code). */
export interface StoredForm {
  rows: number;
  aesGcm: number;
  plain: number;
  other: number;
  /** Rows whose stored JSON contains this variant's marker in clear. */
  withMarkerInClear: number;
  /** Distinct key ids among the encrypted rows. */
  keyIds: number;
  /** Consultation audit rows, and how many of them are AES-GCM. */
  auditRows: number;
  auditAesGcm: number;
}

export interface SavesCheck {
  /** Records saved by saveOnce. */
  saved: number;
  /** Of them, read back (through the app, decrypted if encrypted) equal to what was saved. */
  savedEqual: number;
}

export interface BenchApi {
  /** Fresh databases; with keys, the app's real first-run setup (practice keys, passphrase, recovery key). One patient. */
  setUp(device: Device, markers: Record<Variant, string>): Promise<SetUpReport>;
  unlockOnce(step: UnlockStep): Promise<number>;
  /** Writes `count` signed consultations for this page's variant, or raw IndexedDB's. */
  seed(variant: Variant, count: number): Promise<SeedReport>;
  openOnce(variant: Variant, step: OpenStep, verify: boolean): Promise<OpenSample>;
  storedForm(): Promise<StoredForm>;
  /** One save; milliseconds until it is committed (durability strict). `step` is ignored for raw. */
  saveOnce(variant: Variant, step: SaveStep): Promise<number>;
  checkSaves(variant: Variant): Promise<SavesCheck>;
  /** Closes every connection, so the browser can close with nothing in flight. */
  close(): Promise<void>;
}

declare global {
  interface Window {
    lifeboatBench: BenchApi;
  }
}
