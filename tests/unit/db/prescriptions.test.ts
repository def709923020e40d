// Prescriptions in storage: a draft keeps what is typed; printing is refused until the legal
// checks pass; printing onto FP10SS writes the register in the same transaction; a printed
// prescription never changes; cancelling keeps it (and cancels its forms); a replacement links.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addPatient,
  addStaff,
  cancelPrescription,
  countUnprintedPrescriptions,
  discardPrescriptionDraft,
  checkPrescriptionForPrinting,
  getPrescription,
  listAuditFor,
  listFp10Register,
  listPrescriptionsForPatient,
  listRecentMedicines,
  markFp10FormSpoiled,
  printPrescription,
  PrescriptionRefused,
  replacePrescription,
  savePrescriptionDraft,
  signConsultationRecord,
  startConsultation,
  startPrescription,
  saveDraft,
  ValidationFailure,
  type LifeboatDatabase,
} from '../../../src/db';
import { setKdfIterationsForTests } from '../../../src/db/key-slots';
import type { DraftItem } from '../../../src/domain/prescribing/prescription-record';
import type { Patient } from '../../../src/domain/patient';
import type { Actor } from '../../../src/domain/record';
import { refusalOf, setUpEncryptedDevice } from '../security/builders';
import { freshDatabase, frozenClock } from './fresh-database';

let db: LifeboatDatabase;
let gp: Actor;
let patient: Patient;

/** Schedule 2, written as regulation 15 wants it. */
const MORPHINE: Partial<DraftItem> = {
  medicineName: 'Morphine sulfate',
  strength: '10 mg',
  form: 'modified-release tablets',
  dose: 'One tablet every 12 hours',
  quantity: '60',
  quantityUnit: 'tablet',
  daysTreatment: '30',
  quantityInWords: 'sixty',
};

beforeEach(async () => {
  setKdfIterationsForTests(1_000);
  db = freshDatabase(frozenClock());
  ({ actor: gp } = await setUpEncryptedDevice());
  patient = await addPatient(
    { firstName: 'Ottoline', lastName: 'Fenwickshaw', dateOfBirth: '02/05/1950', sex: 'female', address: '4 Brindle Row, Thorncombe', postcode: 'TQ9 7ZZ' },
    gp,
  );
});
afterEach(() => setKdfIterationsForTests(null));

async function draftWith(item: Partial<DraftItem>) {
  const draft = await startPrescription({ patientId: patient.id }, gp);
  return savePrescriptionDraft(
    draft.id,
    { items: [{ ...draft.data.items[0], ...item }], allergiesStatus: 'confirmed', allergies: 'Penicillin: rash', currentMedicinesStatus: 'not-known' },
    gp,
  );
}

describe('prescriptions', () => {
  it('keeps a draft exactly as typed, even a quantity that is not a number', async () => {
    const draft = await draftWith({ ...MORPHINE, quantity: '6O' });
    expect((await getPrescription(draft.id))?.data.items[0]?.quantity).toBe('6O');
    expect((await getPrescription(draft.id))?.status).toBe('draft');
  });

  it('refuses to print a controlled drug missing a legal element, saying what and where, and writes nothing', async () => {
    const draft = await draftWith({ ...MORPHINE, form: '', dose: 'As directed', quantityInWords: '' });
    const refusal = await refusalOf(printPrescription(draft.id, { mode: 'fp10ss', serials: ['0123456789'] }, gp), PrescriptionRefused);
    const errors = refusal.problems.filter((p) => p.severity === 'error');
    expect(errors.map((p) => p.path).sort()).toEqual(['items.0.dose', 'items.0.form', 'items.0.quantityInWords']);
    expect(errors.find((p) => p.path === 'items.0.quantityInWords')?.message).toContain('sixty');
    expect(await checkPrescriptionForPrinting(draft.id)).toEqual(refusal.problems);
    expect((await getPrescription(draft.id))?.status).toBe('draft');
    expect(await listFp10Register()).toEqual([]);
  });

  it('refuses words that disagree with the figures', async () => {
    const draft = await draftWith({ ...MORPHINE, quantityInWords: 'sixteen' });
    const refusal = await refusalOf(printPrescription(draft.id, { mode: 'plain' }, gp), PrescriptionRefused);
    expect(refusal.problems.find((p) => p.path === 'items.0.quantityInWords')?.message).toBe('The words say 16 but the figures say 60: make them agree');
  });

  it('prints onto FP10SS: printed, the serial in the register, in one transaction, audited with the serial', async () => {
    const draft = await draftWith(MORPHINE);
    const printed = await printPrescription(draft.id, { mode: 'fp10ss', serials: [' 01234 56789 '] }, gp);
    expect(printed.status).toBe('printed');
    expect(printed.data.items[0]?.controlledDrugSchedule).toBe('2');
    expect(printed.data.printed?.serials).toEqual(['0123456789']);
    const register = await listFp10Register();
    expect(register).toHaveLength(1);
    expect(register[0]?.status).toBe('printed');
    expect(register[0]?.data).toMatchObject({ serial: '0123456789', prescriptionId: draft.id, patientId: patient.id, prescriberId: gp.staffId, formNumber: 1 });
    const history = (await listAuditFor(draft.id)).map((e) => `${e.action}: ${e.data.summary}`);
    expect(history).toContain('print: Printed onto FP10SS form 0123456789');
    expect(await listRecentMedicines()).toEqual([{ medicineName: 'Morphine sulfate', strength: '10 mg', form: 'modified-release tablets' }]);
  });

  it('needs one new serial per form, and never a serial already used', async () => {
    const first = await draftWith(MORPHINE);
    await printPrescription(first.id, { mode: 'fp10ss', serials: ['0123456789'] }, gp);
    const second = await draftWith(MORPHINE);
    const used = await refusalOf(printPrescription(second.id, { mode: 'fp10ss', serials: ['0123456789'] }, gp), PrescriptionRefused);
    expect(used.problems).toEqual([{ path: 'serials.0', severity: 'error', message: 'Form 0123456789 is already in the FP10 register (printed): check the number on the form' }]);
    const none = await refusalOf(printPrescription(second.id, { mode: 'fp10ss', serials: [] }, gp), PrescriptionRefused);
    expect(none.problems[0]?.message).toBe('This prescription prints on 1 form: enter 1 serial number');
    expect(await listFp10Register()).toHaveLength(1);
  });

  it('never changes a printed prescription', async () => {
    const draft = await draftWith(MORPHINE);
    await printPrescription(draft.id, { mode: 'plain' }, gp);
    await expect(savePrescriptionDraft(draft.id, { kind: 'repeat' }, gp)).rejects.toThrow(ValidationFailure);
    await expect(printPrescription(draft.id, { mode: 'plain' }, gp)).rejects.toThrow(/printed: it cannot be changed/);
    expect((await getPrescription(draft.id))?.data.kind).toBe('acute');
  });

  it('cancels with a reason: the original stays, its forms are cancelled, audited', async () => {
    const draft = await draftWith(MORPHINE);
    await printPrescription(draft.id, { mode: 'fp10ss', serials: ['0123456789'] }, gp);
    await expect(cancelPrescription(draft.id, '  ', gp)).rejects.toThrow(/Say why/);
    const cancelled = await cancelPrescription(draft.id, 'Wrong dose', gp);
    expect(cancelled.status).toBe('cancelled');
    const stored = await getPrescription(draft.id);
    expect(stored?.status).toBe('cancelled');
    expect(stored?.data.items[0]?.medicineName).toBe('Morphine sulfate');
    expect(stored?.status === 'cancelled' ? stored.data.cancellationReason : '').toBe('Wrong dose');
    expect((await listFp10Register()).map((e) => [e.status, e.data.cancelledReason])).toEqual([['cancelled', 'Wrong dose']]);
    // The clock is frozen, so the events share one time: compare them as a set.
    expect((await listAuditFor(draft.id)).map((e) => e.action).sort()).toEqual(['cancel', 'create', 'print', 'update']);
    expect(await listPrescriptionsForPatient(patient.id)).toHaveLength(1);
    await expect(cancelPrescription(draft.id, 'Again', gp)).rejects.toThrow(/already cancelled/);
  });

  it('replaces a cancelled prescription with a new draft that links to it', async () => {
    const draft = await draftWith(MORPHINE);
    await printPrescription(draft.id, { mode: 'plain' }, gp);
    await expect(replacePrescription(draft.id, gp)).rejects.toThrow(/Cancel the prescription/);
    await cancelPrescription(draft.id, 'Wrong dose', gp);
    const replacement = await replacePrescription(draft.id, gp);
    expect(replacement.status).toBe('draft');
    expect(replacement.data.replacesId).toBe(draft.id);
    expect(replacement.data.items[0]).toMatchObject({ medicineName: 'Morphine sulfate', quantity: '60', daysTreatment: '30' });
    expect((await listAuditFor(draft.id)).map((e) => e.action)).toContain('replace');
    expect((await getPrescription(draft.id))?.status).toBe('cancelled');
  });

  it('marks a form spoiled with a reason', async () => {
    const draft = await draftWith(MORPHINE);
    await printPrescription(draft.id, { mode: 'fp10ss', serials: ['0123456789'] }, gp);
    const [entry] = await listFp10Register();
    if (!entry) throw new Error('no register entry');
    await expect(markFp10FormSpoiled(entry.id, '', gp)).rejects.toThrow(/Say why/);
    const spoiled = await markFp10FormSpoiled(entry.id, 'Jammed in the printer', gp);
    expect(spoiled.status).toBe('spoiled');
    expect((await listAuditFor(entry.id)).map((e) => e.action).sort()).toEqual(['print', 'spoil']);
  });

  it('prescribes from a signed consultation only, and only for a prescriber', async () => {
    const consultation = await startConsultation(patient.id, gp);
    await expect(startPrescription({ consultationId: consultation.id }, gp)).rejects.toThrow(/Sign the consultation/);
    await saveDraft(consultation.id, { presentingComplaint: 'Pain', assessment: 'Pain', plan: 'Morphine', allergies: 'None known', currentMedicinesNotKnown: true }, gp);
    await signConsultationRecord(consultation.id, { ...gp, role: 'gp' });
    const draft = await startPrescription({ consultationId: consultation.id }, gp);
    expect(draft.data).toMatchObject({ consultationId: consultation.id, patientId: patient.id, allergiesStatus: 'confirmed', allergies: 'None known', currentMedicinesStatus: 'not-known' });
    const receptionist = await addStaff({ name: 'Odile Brackenbury', role: 'reception' }, gp, 'walnut ferry comet');
    await expect(startPrescription({ patientId: patient.id }, { staffId: receptionist.id, deviceId: gp.deviceId })).rejects.toThrow(/not set up as a prescriber/);
  });

  it('stores no medicine, dose, serial or patient text in clear', async () => {
    const draft = await draftWith({ ...MORPHINE, dose: 'One tablet every twelve hours for Quenbridge pain' });
    await printPrescription(draft.id, { mode: 'fp10ss', serials: ['0987654321'] }, gp);
    await cancelPrescription(draft.id, 'Wrong dose Zorvath', gp);
    const stored = JSON.stringify([await db.prescriptions.toArray(), await db.fp10Register.toArray(), await db.audit.toArray()]);
    for (const text of ['Morphine', 'morphine', 'modified-release', 'Quenbridge', 'sixty', '0987654321', 'Zorvath', 'Penicillin', 'Fenwickshaw']) {
      expect(stored).not.toContain(text);
    }
    // A control: the prescription's id is in clear, so the search would have found text.
    expect(stored).toContain(draft.id);
  });
});

describe('discarding a prescription draft', () => {
  it('keeps it, marked discarded with who, when and why, audited, no longer counted as waiting to print', async () => {
    const draft = await draftWith(MORPHINE);
    expect(await countUnprintedPrescriptions()).toBe(1);

    const refusal = await refusalOf(discardPrescriptionDraft(draft.id, '   ', gp), ValidationFailure);
    expect(refusal.fieldErrors).toEqual({ discardReason: 'Say why this draft is being discarded' });
    expect((await getPrescription(draft.id))?.status).toBe('draft');

    const discarded = await discardPrescriptionDraft(draft.id, ' Started for the wrong patient ', gp);
    const stored = await getPrescription(draft.id);
    expect(stored).toEqual(discarded);
    expect(stored).toMatchObject({ status: 'discarded', data: { items: [{ medicineName: 'Morphine sulfate' }], discard: { reason: 'Started for the wrong patient', staffId: gp.staffId, deviceId: gp.deviceId } } });
    expect(await countUnprintedPrescriptions()).toBe(0);
    expect((await listPrescriptionsForPatient(patient.id)).map((p) => p.status)).toEqual(['discarded']);
    expect((await listAuditFor(draft.id)).map((e) => e.data.summary)).toContain('Discarded the draft: Started for the wrong patient');
  });

  it('never prints, changes, cancels or discards again what was discarded', async () => {
    const draft = await draftWith(MORPHINE);
    await discardPrescriptionDraft(draft.id, 'Not needed after all', gp);
    await expect(printPrescription(draft.id, { mode: 'plain' }, gp)).rejects.toThrow(/discarded/);
    await expect(savePrescriptionDraft(draft.id, { allergies: 'Changed afterwards' }, gp)).rejects.toThrow(/discarded/);
    await expect(cancelPrescription(draft.id, 'Late cancel', gp)).rejects.toThrow(/never printed \(discarded\)/);
    await expect(discardPrescriptionDraft(draft.id, 'Twice', gp)).rejects.toThrow(/discarded/);
    expect((await getPrescription(draft.id))?.data).toMatchObject({ allergies: 'Penicillin: rash', discard: { reason: 'Not needed after all' } });
  });

  it('refuses a printed prescription (that is cancelled instead) and someone who is not a prescriber', async () => {
    const printed = await draftWith(MORPHINE);
    await printPrescription(printed.id, { mode: 'plain' }, gp);
    await expect(discardPrescriptionDraft(printed.id, 'Wrong dose', gp)).rejects.toThrow(/printed/);
    const draft = await draftWith(MORPHINE);
    const receptionist = await addStaff({ name: 'Odile Brackenbury', role: 'reception' }, gp, 'walnut ferry comet');
    await expect(discardPrescriptionDraft(draft.id, 'Tidying up', { staffId: receptionist.id, deviceId: gp.deviceId })).rejects.toThrow(/not set up as a prescriber/);
    expect((await getPrescription(draft.id))?.status).toBe('draft');
  });

  it('no longer offers the medicines of a discarded draft as recently prescribed', async () => {
    const draft = await draftWith({ ...MORPHINE, medicineName: 'Oxycodone' });
    expect((await listRecentMedicines()).map((m) => m.medicineName)).toContain('Oxycodone');
    await discardPrescriptionDraft(draft.id, 'Wrong medicine', gp);
    expect((await listRecentMedicines()).map((m) => m.medicineName)).not.toContain('Oxycodone');
  });
});

