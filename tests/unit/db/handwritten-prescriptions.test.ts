// Prescriptions handwritten before Lifeboat was opened, logged with photos of the paper: the
// prescription, its photos and the audit go in one transaction (all or nothing); the photos are
// encrypted like every payload (no image bytes in clear); a wrong photo is superseded, never lost.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addHandwrittenPrescriptionPhotos,
  addPatient,
  addStaff,
  cancelPrescription,
  checkHandwrittenPrescription,
  getPrescription,
  HandwrittenPrescriptionRefused,
  listAttachmentsFor,
  listAuditFor,
  listPrescriptionsForPatient,
  recordHandwrittenPrescription,
  supersedeAttachment,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { toBase64 } from '../../../src/crypto/bytes';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { PhotoInput } from '../../../src/domain/attachment';
import type { HandwrittenPrescriptionInput } from '../../../src/domain/prescribing/handwritten';
import { isHandwritten } from '../../../src/domain/prescribing/handwritten';
import { draftItemSchema } from '../../../src/domain/prescribing/prescription-record';
import type { Patient } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import { dumpTables, IDENTIFYING_TEXT, NURSE, NURSE_PASSPHRASE, refusalOf, setUpEncryptedDevice } from '../security/builders';
import { receptionDetails } from './builders';
import { freshDatabase, frozenClock } from './fresh-database';

let db: LifeboatDatabase;
let clock: ReturnType<typeof frozenClock>;
let gp: Actor;
let receptionist: Actor;
let patient: Patient;

/** A JPEG's first bytes (FF D8 FF E0: base64 "/9j/4") then a recognisable body. */
function jpegPhoto(number: number, bodyByte = 0x5a): PhotoInput {
  const bytes = new Uint8Array(3000);
  bytes.set([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
  bytes.fill(bodyByte, 10);
  return { fileName: `Photo ${number}.jpg`, mediaType: 'image/jpeg', width: 1600, height: 1200, dataBase64: toBase64(bytes) };
}

function input(overrides: Partial<HandwrittenPrescriptionInput> = {}): HandwrittenPrescriptionInput {
  return {
    patientId: patient.id,
    prescriberId: gp.staffId,
    writtenOn: '2024-07-18',
    items: [draftItemSchema.parse({ medicineName: 'Amoxicillin', strength: '500 mg', form: 'capsules', dose: 'One three times a day', quantity: '21', quantityUnit: 'capsule', daysTreatment: '7' })],
    ...overrides,
  };
}

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  clock = frozenClock();
  db = freshDatabase(clock);
  ({ actor: gp } = await setUpEncryptedDevice());
  const reception = await addStaff(receptionDetails(), gp, 'copper meadow lantern');
  receptionist = { staffId: reception.id, deviceId: gp.deviceId };
  patient = await addPatient(
    { firstName: 'Ottoline', lastName: 'Fenwickshaw', dateOfBirth: '02/05/1950', sex: 'female', address: '4 Brindle Row, Thorncombe', postcode: 'TQ9 7ZZ' },
    gp,
  );
});
afterEach(() => setKdfIterationsForTests(null));

describe('logging a handwritten prescription', () => {
  it('stores an issued prescription marked handwritten, dated as written, by the prescriber who wrote it, logged by whoever logged it', async () => {
    const saved = await recordHandwrittenPrescription(input(), [jpegPhoto(1)], receptionist);

    const stored = await getPrescription(saved.id);
    expect(stored?.status).toBe('printed');
    expect(stored && isHandwritten(stored)).toBe(true);
    expect(stored?.authorId).toBe(receptionist.staffId);
    expect(stored?.data).toMatchObject({ prescriberId: gp.staffId, issuedAt: '2024-07-18T12:00:00+01:00', printed: { mode: 'handwritten', at: '2024-07-18T12:00:00+01:00', byStaffId: gp.staffId, serials: [] } });
    expect(stored?.data.items[0]).toMatchObject({ medicineName: 'Amoxicillin', quantity: 21, daysTreatment: 7 });
    expect((await listPrescriptionsForPatient(patient.id)).map((p) => p.id)).toEqual([saved.id]);
    expect((await listAuditFor(saved.id)).map((e) => e.data.summary)).toEqual(['Logged a prescription handwritten on 18/07/2024, with 1 photo of the paper']);
  });

  it('keeps the photos encrypted: no image bytes, no JPEG signature and no identifying text in any stored row', async () => {
    const photo = jpegPhoto(1);
    expect(photo.dataBase64.startsWith('/9j/')).toBe(true);
    const saved = await recordHandwrittenPrescription(input(), [photo], gp);

    const raw = await db.attachments.toArray();
    expect(raw).toHaveLength(1);
    expect(raw[0]?.ownerId).toBe(saved.id);
    expect(raw[0]?.payload.codec).not.toBe('plain');
    const rowText = JSON.stringify(raw);
    expect(rowText).not.toContain('/9j/');
    expect(rowText).not.toContain(photo.dataBase64.slice(20, 60));
    expect(rowText).not.toContain('Photo 1.jpg');
    // Key slots keep each user's name in clear by design (to pick it on the lock screen).
    const everything = await dumpTables(db, ['keySlots']);
    expect(everything).not.toContain('/9j/');
    for (const text of [...IDENTIFYING_TEXT, 'Fenwickshaw', 'Amoxicillin']) expect(everything).not.toContain(text);
  });

  it('lists a prescription’s photos, decrypted, oldest first', async () => {
    const saved = await recordHandwrittenPrescription(input(), [jpegPhoto(1, 0x11), jpegPhoto(2, 0x22)], gp);
    const other = await recordHandwrittenPrescription(input(), [jpegPhoto(1, 0x33)], gp);

    const photos = await listAttachmentsFor(saved.id);
    expect(photos.map((p) => [p.data.fileName, p.status, p.data.ownerKind, p.data.ownerId])).toEqual([
      ['Photo 1.jpg', 'current', 'prescription', saved.id],
      ['Photo 2.jpg', 'current', 'prescription', saved.id],
    ]);
    expect(photos.map((p) => p.data.dataBase64).sort()).toEqual([jpegPhoto(1, 0x11).dataBase64, jpegPhoto(2, 0x22).dataBase64].sort());
    expect((await listAttachmentsFor(other.id)).map((p) => p.data.dataBase64)).toEqual([jpegPhoto(1, 0x33).dataBase64]);
  });

  it('writes all or nothing: when a photo cannot be stored, neither the prescription nor its audit is kept', async () => {
    const auditBefore = await db.audit.count();
    db.attachments.hook('creating', () => {
      throw new Error('The disk is full');
    });

    await expect(recordHandwrittenPrescription(input(), [jpegPhoto(1)], gp)).rejects.toThrow();

    expect(await db.prescriptions.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
    expect(await db.audit.count()).toBe(auditBefore);
  });

  it('refuses without a photo, with a date in the future, without a prescriber, or an item that is not a number', async () => {
    const noPhoto = await refusalOf(recordHandwrittenPrescription(input(), [], gp), HandwrittenPrescriptionRefused);
    expect(noPhoto.problems.map((p) => p.path)).toEqual(['photos']);

    const future = await refusalOf(recordHandwrittenPrescription(input({ writtenOn: '2024-07-20' }), [jpegPhoto(1)], gp), HandwrittenPrescriptionRefused);
    expect(future.problems).toEqual([{ path: 'writtenOn', severity: 'error', message: 'The date written cannot be in the future' }]);

    const notPrescriber = await refusalOf(recordHandwrittenPrescription(input({ prescriberId: receptionist.staffId }), [jpegPhoto(1)], gp), HandwrittenPrescriptionRefused);
    expect(notPrescriber.problems.map((p) => p.path)).toEqual(['prescriberId']);

    const badQuantity = await refusalOf(
      recordHandwrittenPrescription(input({ items: [draftItemSchema.parse({ medicineName: 'Amoxicillin', quantity: '2O', daysTreatment: '7' })] }), [jpegPhoto(1)], gp),
      HandwrittenPrescriptionRefused,
    );
    expect(badQuantity.problems.map((p) => p.path)).toEqual(['items.0.quantity']);

    const notAPhoto = await refusalOf(recordHandwrittenPrescription(input(), [{ ...jpegPhoto(1), dataBase64: 'not base64!' }], gp), HandwrittenPrescriptionRefused);
    expect(notAPhoto.problems.map((p) => p.path)).toEqual(['photos']);

    expect(await db.prescriptions.count()).toBe(0);
    expect(await db.attachments.count()).toBe(0);
  });

  it('keeps a controlled drug missing legal elements, showing each as a warning, never an error', async () => {
    const morphine = input({ items: [draftItemSchema.parse({ medicineName: 'Morphine sulfate', strength: '10 mg', form: 'tablets', dose: 'As directed', quantity: '60', daysTreatment: '30' })] });
    const problems = await checkHandwrittenPrescription(morphine);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.every((p) => p.severity === 'warning')).toBe(true);
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['items.0.dose', 'items.0.quantityInWords']));

    const saved = await recordHandwrittenPrescription(morphine, [jpegPhoto(1)], gp);
    expect((await getPrescription(saved.id))?.data.items[0]?.controlledDrugSchedule).toBe('2');
  });

  it('is cancelled like any other prescription, its photos kept', async () => {
    const saved = await recordHandwrittenPrescription(input(), [jpegPhoto(1)], gp);
    await cancelPrescription(saved.id, 'Written for the wrong patient', gp);
    expect((await getPrescription(saved.id))?.status).toBe('cancelled');
    expect(await listAttachmentsFor(saved.id)).toHaveLength(1);
  });
});

describe('a wrong photo', () => {
  it('is superseded with the reason, kept with its bytes, and a new one can be added', async () => {
    const saved = await recordHandwrittenPrescription(input(), [jpegPhoto(1, 0x11)], gp);
    const [wrong] = await listAttachmentsFor(saved.id);
    if (!wrong) throw new Error('no photo');

    const reasonMissing = await refusalOf(supersedeAttachment(wrong.id, '  ', gp), ValidationFailure);
    expect(reasonMissing.fieldErrors.reason).toMatch(/Say why/);

    clock.advance(60_000);
    await supersedeAttachment(wrong.id, 'Photo of another patient’s paper', gp);
    await addHandwrittenPrescriptionPhotos(saved.id, [jpegPhoto(2, 0x22)], gp);

    const photos = await listAttachmentsFor(saved.id);
    expect(photos.map((p) => [p.status, p.data.dataBase64 === jpegPhoto(1, 0x11).dataBase64])).toEqual([
      ['superseded', true],
      ['current', false],
    ]);
    expect(photos[0]?.data).toMatchObject({ supersededReason: 'Photo of another patient’s paper', supersededById: gp.staffId });
    expect(await db.attachments.count()).toBe(2);
    expect((await listAuditFor(wrong.id)).map((e) => e.action)).toEqual(['create', 'replace']);
    await expect(supersedeAttachment(wrong.id, 'Again', gp)).rejects.toThrow(/already superseded/);
  });

  it('cannot be added to a prescription that was not handwritten', async () => {
    const nurse = await addStaff(NURSE, gp, NURSE_PASSPHRASE);
    expect(nurse.id).toBeTruthy();
    await expect(addHandwrittenPrescriptionPhotos('00000000-0000-4000-8000-000000000000', [jpegPhoto(1)], gp)).rejects.toThrow(/handwritten/);
  });
});
