/**
 * Making and opening key slots. A user slot seals the practice key material under a key derived
 * from that user's passphrase (PBKDF2, slow on purpose); the recovery slot seals it under the
 * recovery key. Adding a user, removing one or changing a passphrase changes slots only: the data
 * is never re-encrypted.
 */
import { deriveWrappingKey, newPassphraseKdf, newRecoveryKdf, PBKDF2_ITERATIONS, seal, unseal } from '../crypto/key-wrapping';
import { isPracticeKeyMaterial, type PracticeKeyMaterial } from '../crypto/practice-keys';
import { newId } from '../domain/ids';
import type { KeySlotRow } from './database';
import { nowIso } from './record-store';

let iterations = PBKDF2_ITERATIONS;

/** For tests only: a cheaper KDF, so a suite of unlocks runs in milliseconds. */
export function setKdfIterationsForTests(next: number | null): void {
  iterations = next ?? PBKDF2_ITERATIONS;
}

/** The PBKDF2 cost in force (lowered only in tests), for other secrets typed by people: a join file's one-time passphrase. */
export function passphraseKdfIterations(): number {
  return iterations;
}

function slotContext(slot: Pick<KeySlotRow, 'id' | 'kind' | 'staffId'>): string {
  return `key-slot:${slot.id}:${slot.kind}:${slot.staffId ?? ''}`;
}

export async function makeUserSlot(material: PracticeKeyMaterial, staffId: string, label: string, passphrase: string): Promise<KeySlotRow> {
  const kdf = newPassphraseKdf(iterations);
  const base = { id: newId(), kind: 'user' as const, staffId };
  const sealed = await seal(await deriveWrappingKey(passphrase, kdf), material, slotContext(base));
  return { ...base, label, keyId: material.keyId, kdf, sealed, createdAt: nowIso() };
}

export async function makeRecoverySlot(material: PracticeKeyMaterial, recoveryKey: string): Promise<KeySlotRow> {
  const kdf = newRecoveryKdf();
  const base = { id: newId(), kind: 'recovery' as const, staffId: null };
  const sealed = await seal(await deriveWrappingKey(recoveryKey, kdf), material, slotContext(base));
  return { ...base, label: 'Recovery key', keyId: material.keyId, kdf, sealed, createdAt: nowIso() };
}

/** Opens a slot with its passphrase or recovery key. Throws UnsealFailure when it does not open. */
export async function openSlot(slot: KeySlotRow, secret: string): Promise<PracticeKeyMaterial> {
  const material = await unseal(await deriveWrappingKey(secret, slot.kdf), slot.sealed, slotContext(slot));
  if (!isPracticeKeyMaterial(material) || material.keyId !== slot.keyId) throw new Error('The key slot holds something other than practice keys');
  return material;
}
