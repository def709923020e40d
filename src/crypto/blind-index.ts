/**
 * Keyed hashes for look-ups: an NHS number, or a name with a date of birth, is indexed as
 * HMAC-SHA256 under the practice index key, never in clear. Equal inputs give equal hashes (so an
 * index finds a patient), but without the key the hash reveals nothing and cannot be brute-forced
 * from the small space of NHS numbers.
 */
import { utf8 } from './bytes';

export async function blindIndex(indexKey: CryptoKey, kind: string, value: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', indexKey, utf8(`${kind}\u0000${value}`));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
