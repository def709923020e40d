/** A record id made on this device: a random (version 4) UUID, unique without any server. */
export function newId(): string {
  return crypto.randomUUID();
}
