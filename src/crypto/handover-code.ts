/**
 * The hand-over as a QR code: the same JSON text as the hand-over file, deflated and written in
 * Base45 (RFC 9285) after a short prefix, so it is drawn in the QR alphanumeric mode (5.5 bits a
 * character) and read back as plain text by every scanner. Deflate takes about 40% off the JSON
 * (its keys, ids and base64), so a walk-in with their patient fits a code a phone camera reads
 * off a laptop screen. Nothing is added or removed: the JSON read back is checked exactly as a
 * file would be (db/handover-repository.ts).
 */
import { fromBase45, toBase45 } from './join-code';

export const HANDOVER_CODE_PREFIX = 'LIFEBOAT-HANDOVER:1:';

async function deflate(text: string): Promise<Uint8Array<ArrayBuffer>> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Inflates, refusing (null) anything that would inflate beyond `maxBytes`, or is not deflate. */
async function inflate(bytes: Uint8Array<ArrayBuffer>, maxBytes: number): Promise<string | null> {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        return null;
      }
      chunks.push(value);
    }
  } catch {
    return null;
  }
  const joined = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(joined);
  } catch {
    return null;
  }
}

/** The QR code text for a hand-over's JSON text. */
export async function toHandoverCode(json: string): Promise<string> {
  return HANDOVER_CODE_PREFIX + toBase45(await deflate(json));
}

export function isHandoverCode(text: string): boolean {
  return text.trim().startsWith(HANDOVER_CODE_PREFIX);
}

/** The hand-over's JSON text from a code's text; null when it is damaged or far too large. */
export async function fromHandoverCode(text: string, maxChars: number): Promise<string | null> {
  const bytes = fromBase45(text.trim().slice(HANDOVER_CODE_PREFIX.length));
  return bytes ? inflate(bytes, maxChars) : null;
}
