import { practiceDetailsSchema, practiceSchema, type Practice, type PracticeDetailsInput } from '../domain/practice';
import type { Actor } from '../domain/record';
import { getDatabase } from './context';
import { auditRow, fromRows, nowIso, toRow } from './record-store';
import { guardedWrite, ValidationFailure } from './write-guard';
import { parseOrFail } from './zod-errors';

/** The practice this device belongs to, or null before setup. */
export async function getPractice(): Promise<Practice | null> {
  const rows = await getDatabase().practice.where('status').equals('active').toArray();
  const [practice] = await fromRows('practice', rows, practiceSchema);
  return practice ?? null;
}

/** Changes the practice's details (name, ODS code, address, phone). */
export async function updatePractice(details: PracticeDetailsInput, actor: Actor): Promise<Practice> {
  const parsed = parseOrFail(practiceDetailsSchema, details, 'The practice');
  const current = await getPractice();
  if (!current) throw new ValidationFailure('Set up the practice first');
  const next = practiceSchema.parse({ ...current, updatedAt: nowIso(), data: parsed });
  const row = await toRow('practice', next);
  const audit = await auditRow(actor, 'update', 'practice', next.id, 'Changed the practice details');
  const db = getDatabase();
  await guardedWrite(() =>
    db.transaction('rw', [db.practice, db.audit], async () => {
      await db.practice.put(row);
      await db.audit.put(audit);
    }),
  );
  return next;
}
