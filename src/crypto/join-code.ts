/**
 * The join code: what a device already set up shows as a QR code for another device to scan. It
 * is sealed like the join file (PBKDF2-SHA256 from a one-time passphrase, AES-GCM, with type
 * `lifeboat-join-qr` and the version bound in as additional data), but it has to fit one QR code,
 * so its contents are small (see db/join-code-contents.ts), deflated before sealing, and the
 * sealed bytes are written in Base45 (RFC 9285). Base45 uses only the 45 characters of the QR
 * alphanumeric mode, which stores them at 5.5 bits each: 3% more than raw bytes, where base64 in
 * byte mode would cost 33% more, and every scanner (BarcodeDetector or jsQR) returns it as plain
 * text, which raw bytes in a QR code are not reliably.
 *
 * Text: `LIFEBOAT-JOIN-QR:1:` then Base45 of
 *   iterations (4 bytes, big-endian) · salt (16) · iv (12) · AES-GCM ciphertext and tag.
 */
import { fromBase64, randomBytes, toBase64 } from './bytes';
import { deriveWrappingKey, type Pbkdf2Params } from './key-wrapping';

export const JOIN_CODE_TYPE = 'lifeboat-join-qr';
export const JOIN_CODE_VERSION = 1;
const PREFIX = 'LIFEBOAT-JOIN-QR:';
/**
 * The most characters a join code may have: what a version 40 QR code holds in alphanumeric mode
 * at error correction level L. Level M holds 3,391; the code is drawn at the highest level it fits.
 */
export const JOIN_CODE_MAX_CHARS = 4296;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const HEADER_BYTES = 4 + SALT_BYTES + IV_BYTES;

/** The code cannot be a join code this version of Lifeboat reads; `message` says why and what to do. */
export class JoinCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JoinCodeError';
  }
}

// ——— Base45 (RFC 9285) ———

const BASE45 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:';

export function toBase45(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    let n = (bytes[i] ?? 0) * 256 + (bytes[i + 1] ?? 0);
    const c = n % 45;
    n = (n - c) / 45;
    const d = n % 45;
    const e = (n - d) / 45;
    out += BASE45.charAt(c) + BASE45.charAt(d) + BASE45.charAt(e);
  }
  if (bytes.length % 2 === 1) {
    const n = bytes[bytes.length - 1] ?? 0;
    out += BASE45.charAt(n % 45) + BASE45.charAt(Math.floor(n / 45));
  }
  return out;
}

/** Returns null for text that is not Base45. */
export function fromBase45(text: string): Uint8Array<ArrayBuffer> | null {
  if (text.length % 3 === 1) return null;
  const out = new Uint8Array(Math.floor(text.length / 3) * 2 + (text.length % 3 === 2 ? 1 : 0));
  let o = 0;
  for (let i = 0; i < text.length; i += 3) {
    const digits = [...text.slice(i, i + 3)].map((ch) => BASE45.indexOf(ch));
    if (digits.some((d) => d < 0)) return null;
    const [c = 0, d = 0, e = 0] = digits;
    const n = c + d * 45 + e * 45 * 45;
    if (digits.length === 3) {
      if (n > 0xffff) return null;
      out[o++] = n >> 8;
      out[o++] = n & 0xff;
    } else {
      if (n > 0xff) return null;
      out[o++] = n;
    }
  }
  return out;
}

// ——— Deflate (the browser's own CompressionStream) ———

async function transform(bytes: Uint8Array<ArrayBuffer>, stream: CompressionStream | DecompressionStream): Promise<Uint8Array<ArrayBuffer>> {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

const deflate = (bytes: Uint8Array<ArrayBuffer>) => transform(bytes, new CompressionStream('deflate-raw'));
const inflate = (bytes: Uint8Array<ArrayBuffer>) => transform(bytes, new DecompressionStream('deflate-raw'));

// ——— Sealing ———

function context(version: number): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(`${JOIN_CODE_TYPE}:${version}`);
}

/** Seals `contents` (JSON) under the one-time passphrase and writes the code's text. */
export async function sealJoinCode(contents: unknown, passphrase: string, iterations: number): Promise<string> {
  const kdf: Pbkdf2Params = { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(randomBytes(SALT_BYTES)) };
  const key = await deriveWrappingKey(passphrase, kdf);
  const iv = randomBytes(IV_BYTES);
  const plain = await deflate(new TextEncoder().encode(JSON.stringify(contents)));
  const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: context(JOIN_CODE_VERSION) }, key, plain));
  const bytes = new Uint8Array(HEADER_BYTES + sealed.length);
  new DataView(bytes.buffer).setUint32(0, iterations);
  bytes.set(fromBase64(kdf.salt), 4);
  bytes.set(iv, 4 + SALT_BYTES);
  bytes.set(sealed, HEADER_BYTES);
  return `${PREFIX}${JOIN_CODE_VERSION}:${toBase45(bytes)}`;
}

export interface JoinCodeEnvelope {
  version: number;
  kdf: Pbkdf2Params;
  iv: Uint8Array<ArrayBuffer>;
  ciphertext: Uint8Array<ArrayBuffer>;
}

/** Reads scanned text as a join code, or throws JoinCodeError saying what is wrong. */
export function parseJoinCode(text: string): JoinCodeEnvelope {
  const trimmed = text.trim();
  if (trimmed.length > JOIN_CODE_MAX_CHARS + 40) throw new JoinCodeError('This code is far too long to be a Lifeboat join code: scan the code shown on the other device');
  if (!trimmed.startsWith(PREFIX)) throw new JoinCodeError('This is not a Lifeboat join code: scan the code shown under “Add another device to this practice” on the other device');
  const rest = trimmed.slice(PREFIX.length);
  const colon = rest.indexOf(':');
  const versionText = colon < 0 ? '' : rest.slice(0, colon);
  const version = /^\d{1,4}$/.test(versionText) ? Number(versionText) : Number.NaN;
  if (version > JOIN_CODE_VERSION) {
    throw new JoinCodeError(
      `This code was made by a newer version of Lifeboat (code version ${version}): update Lifeboat on this device first (open it while online and choose “Update now”), then try again`,
    );
  }
  if (version !== JOIN_CODE_VERSION) throw new JoinCodeError('This join code has a version this Lifeboat does not know: show a new code on the other device');
  const bytes = fromBase45(rest.slice(colon + 1));
  if (!bytes || bytes.length < HEADER_BYTES + 16) throw new JoinCodeError('This join code is damaged or incomplete: scan it again, or show a new code on the other device');
  const iterations = new DataView(bytes.buffer).getUint32(0);
  // Bounded so a doctored code cannot make this device derive a key for hours.
  if (iterations < 1 || iterations > 10_000_000) throw new JoinCodeError('This join code is damaged: show a new code on the other device');
  return {
    version,
    kdf: { name: 'PBKDF2', hash: 'SHA-256', iterations, salt: toBase64(bytes.slice(4, 4 + SALT_BYTES)) },
    iv: bytes.slice(4 + SALT_BYTES, HEADER_BYTES),
    ciphertext: bytes.slice(HEADER_BYTES),
  };
}

/** Thrown for a wrong one-time passphrase or a changed code: AES-GCM cannot tell them apart. */
export class JoinCodeUnsealFailure extends Error {
  constructor() {
    super('The one-time passphrase does not open this code, or it was changed after it was made');
    this.name = 'JoinCodeUnsealFailure';
  }
}

/** Opens the code with the one-time passphrase. Throws JoinCodeUnsealFailure when it does not open. */
export async function openJoinCode(envelope: JoinCodeEnvelope, passphrase: string): Promise<unknown> {
  const key = await deriveWrappingKey(passphrase, envelope.kdf);
  let plain: Uint8Array<ArrayBuffer>;
  try {
    plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: envelope.iv, additionalData: context(envelope.version) }, key, envelope.ciphertext));
  } catch {
    throw new JoinCodeUnsealFailure();
  }
  try {
    return JSON.parse(new TextDecoder().decode(await inflate(plain))) as unknown;
  } catch {
    throw new JoinCodeError('This join code opened, but what is inside cannot be read: show a new code on the other device');
  }
}
