/**
 * How a record's `data` payload is kept on disk. Today it is stored as it is ("plain"); the
 * security work adds an AES-GCM codec whose envelope carries the key id, and records in either
 * form can be read, so a device is upgraded in place. Callers never see the envelope.
 */
export type StoredPayload = { codec: 'plain'; value: unknown };

export interface PayloadCodec {
  encode(data: unknown): Promise<StoredPayload>;
  decode(payload: StoredPayload): Promise<unknown>;
}

export const plainPayloadCodec: PayloadCodec = {
  encode: async (data) => ({ codec: 'plain', value: data }),
  decode: async (payload) => {
    if (payload?.codec !== 'plain') throw new Error(`Unknown payload format "${String(payload?.codec)}"`);
    return payload.value;
  },
};
