import { describe, expect, it } from 'vitest';
import {
  effectiveSchedule,
  listedSchedule,
  prescriptionDetailsSchema,
  prescriptionItemSchema,
  prescriptionSchema,
  stricterSchedule,
  withDerivedFields,
  type PrescriptionDetailsInput,
} from '../../../../src/domain/prescribing/prescription';
import { buildItem } from './builders';

const ids = {
  patient: '7b7c1c1e-5d6a-4a8f-9a43-1f1b1c1d1e1f',
  prescriber: '0f1e2d3c-4b5a-4697-8877-665544332211',
  device: '11111111-2222-4333-8444-555555555555',
  record: '99999999-8888-4777-8666-555555555555',
};

function details(overrides: Partial<PrescriptionDetailsInput> = {}): PrescriptionDetailsInput {
  return {
    patientId: ids.patient,
    prescriberId: ids.prescriber,
    kind: 'acute',
    issuedAt: '2024-07-19T09:00:00+01:00',
    items: [buildItem()],
    allergiesStatus: 'confirmed',
    allergies: 'Penicillin: rash',
    currentMedicinesStatus: 'not-known',
    ...overrides,
  };
}

function paths(result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }): string[] {
  return (result.error?.issues ?? []).map((issue) => issue.path.join('.'));
}

describe('prescriptionItemSchema', () => {
  it('accepts an item and fills the optional text with empty strings', () => {
    const item = prescriptionItemSchema.parse({ medicineName: ' Amoxicillin ', quantity: 21, quantityUnit: 'capsule', daysTreatment: 7 });
    expect(item).toMatchObject({ medicineName: 'Amoxicillin', strength: '', dose: '', controlledDrugSchedule: 'none', quantityInWords: '' });
  });

  it.each([
    [{ quantity: 0 }, 'quantity'],
    [{ quantity: -28 }, 'quantity'],
    [{ quantity: Number.NaN }, 'quantity'],
    [{ daysTreatment: 0 }, 'daysTreatment'],
    [{ daysTreatment: 7.5 }, 'daysTreatment'],
    [{ medicineName: '  ' }, 'medicineName'],
    [{ quantityUnit: 'bucket' }, 'quantityUnit'],
    [{ controlledDrugSchedule: '1' }, 'controlledDrugSchedule'],
  ])('refuses %j at %s', (override, path) => {
    const result = prescriptionItemSchema.safeParse({ ...buildItem(), ...override });
    expect(paths(result)).toEqual([path]);
  });

  it('allows a decimal volume in figures', () => {
    expect(prescriptionItemSchema.safeParse({ ...buildItem(), quantity: 2.5, quantityUnit: 'mL' }).success).toBe(true);
  });
});

describe('prescriptionDetailsSchema', () => {
  it('accepts a prescription and puts item errors beside their fields', () => {
    expect(prescriptionDetailsSchema.safeParse(details()).success).toBe(true);
    const result = prescriptionDetailsSchema.safeParse(details({ items: [buildItem(), { ...buildItem(), quantity: 0 }] }));
    expect(paths(result)).toEqual(['items.1.quantity']);
  });

  it('needs at least one item', () => {
    expect(paths(prescriptionDetailsSchema.safeParse(details({ items: [] })))).toEqual(['items']);
  });

  it('needs what was confirmed about allergies and medicines, or "not known"', () => {
    expect(paths(prescriptionDetailsSchema.safeParse(details({ allergies: '' })))).toEqual(['allergies']);
    expect(paths(prescriptionDetailsSchema.safeParse(details({ currentMedicinesStatus: 'confirmed' })))).toEqual(['currentMedicines']);
    expect(prescriptionDetailsSchema.safeParse(details({ allergiesStatus: 'not-known', allergies: '' })).success).toBe(true);
  });

  it('needs an issued date with its offset', () => {
    expect(paths(prescriptionDetailsSchema.safeParse(details({ issuedAt: '2024-07-19' })))).toEqual(['issuedAt']);
  });
});

describe('prescriptionSchema (stored record)', () => {
  function record(status: string, overrides: Partial<PrescriptionDetailsInput> = {}) {
    return {
      id: ids.record,
      createdAt: '2024-07-19T09:00:00+01:00',
      updatedAt: '2024-07-19T09:05:00+01:00',
      authorId: ids.prescriber,
      deviceId: ids.device,
      status,
      data: details(overrides),
    };
  }

  it('stores drafts and printed prescriptions', () => {
    expect(prescriptionSchema.safeParse(record('draft')).success).toBe(true);
    expect(prescriptionSchema.safeParse(record('printed', { replacesId: ids.record })).success).toBe(true);
  });

  it('needs a reason to cancel', () => {
    expect(paths(prescriptionSchema.safeParse(record('cancelled')))).toEqual(['data.cancellationReason']);
    expect(prescriptionSchema.safeParse(record('cancelled', { cancellationReason: 'Wrong dose' })).success).toBe(true);
  });

  it('refuses an unknown status', () => {
    expect(paths(prescriptionSchema.safeParse(record('sent')))).toEqual(['status']);
  });
});

describe('schedules', () => {
  it('orders schedules from strictest', () => {
    expect(stricterSchedule('none', '4')).toBe('4');
    expect(stricterSchedule('2', '5')).toBe('2');
    expect(stricterSchedule('3', '3')).toBe('3');
  });

  it('reads the schedule from the name, strength and form together', () => {
    expect(listedSchedule({ medicineName: 'Morphine sulfate', strength: '10mg/5ml', form: 'oral solution' })).toBe('5');
    expect(listedSchedule({ medicineName: 'Morphine sulfate', strength: '10 mg', form: 'tablets' })).toBe('2');
  });

  it('never checks a listed drug as less than the list says', () => {
    expect(effectiveSchedule(buildItem({ medicineName: 'Pregabalin', controlledDrugSchedule: 'none' }))).toBe('3');
    expect(effectiveSchedule(buildItem({ medicineName: 'Amoxicillin', controlledDrugSchedule: '2' }))).toBe('2');
  });
});

describe('withDerivedFields', () => {
  it('fills the schedule and the words for a Schedule 3 drug', () => {
    const item = withDerivedFields(buildItem({ medicineName: 'Pregabalin', quantity: 56, quantityUnit: 'capsule' }));
    expect(item).toMatchObject({ controlledDrugSchedule: '3', quantityInWords: 'fifty-six' });
  });

  it('keeps words the prescriber typed and a schedule they set by hand', () => {
    const item = withDerivedFields(
      buildItem({ medicineName: 'Pregabalin', quantity: 56, quantityInWords: 'sixty-five', controlledDrugSchedule: '2', scheduleSetByPrescriber: true }),
    );
    expect(item).toMatchObject({ controlledDrugSchedule: '2', quantityInWords: 'sixty-five' });
  });

  it('writes no words for Schedule 4 or for a decimal volume', () => {
    expect(withDerivedFields(buildItem({ medicineName: 'Zopiclone', quantity: 14 })).quantityInWords).toBe('');
    expect(withDerivedFields(buildItem({ medicineName: 'Methadone', quantity: 2.5, quantityUnit: 'mL' })).quantityInWords).toBe('');
  });
});
