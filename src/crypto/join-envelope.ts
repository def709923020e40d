/**
 * The join file's outer envelope: `{ type: 'lifeboat-join', version, kdf, iv, ciphertext }`, its
 * contents AES-GCM sealed under a key derived (PBKDF2-SHA256) from a one-time passphrase. The
 * contents are the practice keys and rows as stored, so they are validated where rows are known
 * (db/join-contents.ts); this module checks only the envelope, and reads an untrusted file into
 * one clear message per way it can be wrong.
 */
import { z } from 'zod';
import { deriveWrappingKey, seal, unseal, type Pbkdf2Params } from './key-wrapping';

export const JOIN_FILE_TYPE = 'lifeboat-join';
export const JOIN_FILE_VERSION = 1;
/** Far above a practice's worth of staff (about 1 KB each), far below what could stall a phone. */
export const JOIN_FILE_MAX_BYTES = 2_000_000;

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'Must be base64');

export const joinEnvelopeSchema = z.object({
  type: z.literal(JOIN_FILE_TYPE),
  version: z.literal(JOIN_FILE_VERSION),
  kdf: z.object({
    name: z.literal('PBKDF2'),
    hash: z.literal('SHA-256'),
    // Bounded so a doctored file cannot make this device derive a key for hours.
    iterations: z.number().int().min(1).max(10_000_000),
    salt: base64,
  }),
  iv: base64,
  ciphertext: base64.max(JOIN_FILE_MAX_BYTES),
});
export type JoinEnvelope = z.infer<typeof joinEnvelopeSchema>;

/** The file cannot be a join file this version of Lifeboat reads; `message` says why and what to do. */
export class JoinFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JoinFileError';
  }
}

/** Type and version are bound into the ciphertext, so neither can be changed on the outside. */
function context(version: number): string {
  return `${JOIN_FILE_TYPE}:${version}`;
}

export async function sealJoinEnvelope(contents: unknown, passphrase: string, kdf: Pbkdf2Params): Promise<JoinEnvelope> {
  const sealed = await seal(await deriveWrappingKey(passphrase, kdf), contents, context(JOIN_FILE_VERSION));
  return { type: JOIN_FILE_TYPE, version: JOIN_FILE_VERSION, kdf, ...sealed };
}

/** Reads the text of a chosen file as a join envelope, or throws JoinFileError saying what is wrong. */
export function parseJoinEnvelope(text: string): JoinEnvelope {
  if (text.length > JOIN_FILE_MAX_BYTES) throw new JoinFileError('This file is far too big to be a Lifeboat setup file: choose the lifeboat-join file made on the other device');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new JoinFileError('This is not a Lifeboat setup file (it is not a JSON file): choose the lifeboat-join file made on the other device');
  }
  if (typeof value !== 'object' || value === null || (value as { type?: unknown }).type !== JOIN_FILE_TYPE) {
    throw new JoinFileError('This is not a Lifeboat setup file: choose the lifeboat-join file made on the other device');
  }
  const { version } = value as { version?: unknown };
  if (typeof version === 'number' && Number.isInteger(version) && version > JOIN_FILE_VERSION) {
    throw new JoinFileError(
      `This setup file was made by a newer version of Lifeboat (file version ${version}): update Lifeboat on this device first (open it while online and choose “Update now”), then try again`,
    );
  }
  if (version !== JOIN_FILE_VERSION) throw new JoinFileError('This setup file has a version this Lifeboat does not know, or none: make a new one on the other device');
  const parsed = joinEnvelopeSchema.safeParse(value);
  if (!parsed.success) throw new JoinFileError('This setup file is damaged or incomplete: make a new one on the other device');
  return parsed.data;
}

/** Opens the envelope with the one-time passphrase. Throws UnsealFailure for a wrong passphrase or a changed file. */
export async function openJoinEnvelope(envelope: JoinEnvelope, passphrase: string): Promise<unknown> {
  return unseal(await deriveWrappingKey(passphrase, envelope.kdf), envelope, context(envelope.version));
}
