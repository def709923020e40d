// A prescription across its life: a draft keeps what was typed; printing reads it strictly.
import { describe, expect, it } from 'vitest';
import { prescriptionDetailsSchema } from '../../../../src/domain/prescribing/prescription';
import {
  checkDraftForPrinting,
  checkFp10Serials,
  formsFor,
  fp10SerialSchema,
  prescriptionDraftDetailsSchema,
  readDraft,
  readNumber,
  storedPrescriptionSchema,
} from '../../../../src/domain/prescribing/prescription-record';
import { buildContext } from './builders';

const IDS = { patient: '0b7e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b', prescriber: '1c8f9a4b-2d3e-4f60-9b0c-1d2e3f4a5b6c', other: '2d9a0b5c-3e4f-4061-8c1d-2e3f4a5b6c7d' };
const AT = '2024-07-19T09:00:00+01:00';

function draft(items: Record<string, unknown>[] = [{ medicineName: 'Tramadol', strength: '50 mg', form: 'capsules', dose: 'One capsule every 6 hours', quantity: '56', quantityUnit: 'capsule', daysTreatment: '14', quantityInWords: 'fifty-six' }]) {
  return prescriptionDraftDetailsSchema.parse({ patientId: IDS.patient, prescriberId: IDS.prescriber, items, allergiesStatus: 'not-known', currentMedicinesStatus: 'not-known' });
}

describe('prescription records', () => {
  it('reads typed numbers strictly', () => {
    expect(readNumber(' 28 ')).toBe(28);
    expect(readNumber('2.5')).toBe(2.5);
    for (const bad of ['', '2O', '1e3', '-3', '0x10']) expect(readNumber(bad)).toBeNaN();
  });

  it('stores what a replacement replaces, and how a prescription was printed', () => {
    const parsed = prescriptionDetailsSchema.parse({
      ...readDraftOrThrow(),
      replacesId: IDS.other,
      printed: { at: AT, mode: 'fp10ss', serials: ['0123456789'], byStaffId: IDS.prescriber },
    });
    expect(parsed.replacesId).toBe(IDS.other);
    expect(parsed.printed?.serials).toEqual(['0123456789']);
    expect(prescriptionDetailsSchema.safeParse({ ...parsed, replacesId: 'not-an-id' }).success).toBe(false);
  });

  it('marks the schedule the list finds when printing', () => {
    expect(readDraftOrThrow().items[0]?.controlledDrugSchedule).toBe('3');
  });

  it('names each field a draft cannot be read at', () => {
    const reading = readDraft({ ...draft([{ medicineName: 'Amoxicillin', quantity: '2O', daysTreatment: '' }]), allergiesStatus: '' }, AT);
    expect(reading.ok).toBe(false);
    if (reading.ok) return;
    expect(reading.problems.map((p) => p.path).sort()).toEqual(['allergiesStatus', 'items.0.daysTreatment', 'items.0.quantity']);
  });

  it('lets an ordinary draft print and refuses a controlled drug without the words', () => {
    expect(checkDraftForPrinting(draft(), buildContext(), AT).ok).toBe(true);
    const check = checkDraftForPrinting(draft([{ medicineName: 'Tramadol', strength: '50 mg', form: 'capsules', dose: 'One capsule every 6 hours', quantity: '56', quantityUnit: 'capsule', daysTreatment: '14' }]), buildContext(), AT);
    expect(check.ok).toBe(false);
    expect(check.problems.find((p) => p.severity === 'error')?.path).toBe('items.0.quantityInWords');
  });

  it('counts forms at four items each and normalises serials', () => {
    expect([0, 1, 4, 5, 9].map(formsFor)).toEqual([1, 1, 1, 2, 3]);
    expect(fp10SerialSchema.parse(' 01234 56789 ')).toBe('0123456789');
    expect(fp10SerialSchema.safeParse('12-34').success).toBe(false);
  });

  it('reads back drafts as drafts and printed ones strictly', () => {
    const meta = { id: IDS.other, createdAt: AT, updatedAt: AT, authorId: IDS.prescriber, deviceId: IDS.patient };
    expect(storedPrescriptionSchema.parse({ ...meta, status: 'draft', data: draft() }).status).toBe('draft');
    expect(storedPrescriptionSchema.safeParse({ ...meta, status: 'printed', data: readDraftOrThrow() }).success).toBe(false);
  });
});

function readDraftOrThrow() {
  const reading = readDraft(draft(), AT);
  if (!reading.ok) throw new Error(JSON.stringify(reading.problems));
  return reading.details;
}

describe('FP10SS serials typed for printing', () => {
  const register = [
    { status: 'printed' as const, data: { serial: '0123456789' } },
    { status: 'spoiled' as const, data: { serial: 'AB12345678' } },
  ];
  const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

  it('accepts one new serial per form, normalised', () => {
    expect(checkFp10Serials([' 55555 66666 ', 'cd98765432'], 2, register)).toEqual({ problems: [], normalised: ['5555566666', 'CD98765432'] });
  });

  it('wants exactly one serial for each form', () => {
    const { problems } = checkFp10Serials(['5555566666'], 2, register);
    expect(paths(problems)).toEqual(['serials']);
    expect(problems[0]?.message).toBe('This prescription prints on 2 forms: enter 2 serial numbers');
    expect(checkFp10Serials([], 1, register).problems[0]?.message).toBe('This prescription prints on 1 form: enter 1 serial number');
  });

  it('refuses a serial of the wrong shape beside its own field', () => {
    const { problems } = checkFp10Serials(['5555566666', '12-34'], 2, register);
    expect(paths(problems)).toEqual(['serials.1']);
    expect(problems[0]?.message).toMatch(/^Enter the serial number printed on the form/);
  });

  it('refuses a form already in the register, printed or spoiled, whatever its spacing or case', () => {
    const { problems } = checkFp10Serials(['01234 56789', 'ab12345678'], 2, register);
    expect(paths(problems)).toEqual(['serials.0', 'serials.1']);
    expect(problems[0]?.message).toBe('Form 0123456789 is already in the FP10 register (printed): check the number on the form');
    expect(problems[1]?.message).toBe('Form AB12345678 is already in the FP10 register (spoiled): check the number on the form');
  });

  it('refuses the same new serial typed for two forms', () => {
    const { problems } = checkFp10Serials(['5555566666', '55555 66666'], 2, register);
    expect(paths(problems)).toEqual(['serials.1']);
    expect(problems[0]?.message).toBe('Form 5555566666 is entered twice: each form has its own serial number');
  });
});
