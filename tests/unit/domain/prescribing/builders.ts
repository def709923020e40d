import type { PrescriptionCheckContext, PrescriptionToCheck } from '../../../../src/domain/prescribing/legal-checks';
import { prescriptionItemSchema, type PrescriptionItem, type PrescriptionItemInput } from '../../../../src/domain/prescribing/prescription';

/** An ordinary item that passes every check. */
export function buildItem(overrides: Partial<PrescriptionItemInput> = {}): PrescriptionItem {
  return prescriptionItemSchema.parse({
    medicineName: 'Amoxicillin',
    strength: '500 mg',
    form: 'capsules',
    dose: 'One capsule three times a day',
    quantity: 21,
    quantityUnit: 'capsule',
    daysTreatment: 7,
    ...overrides,
  });
}

/** A Schedule 3 item written as regulation 15 wants it. */
export function buildControlledItem(overrides: Partial<PrescriptionItemInput> = {}): PrescriptionItem {
  return buildItem({
    medicineName: 'Tramadol',
    strength: '50 mg',
    form: 'capsules',
    dose: 'One or two capsules every 6 hours when required, no more than 8 in 24 hours',
    quantity: 56,
    quantityUnit: 'capsule',
    daysTreatment: 7,
    controlledDrugSchedule: '3',
    quantityInWords: 'fifty-six',
    ...overrides,
  });
}

export function buildPrescription(items: PrescriptionItem[] = [buildItem()]): PrescriptionToCheck {
  return {
    items,
    allergiesStatus: 'confirmed',
    allergies: 'No known drug allergies',
    currentMedicinesStatus: 'not-known',
    currentMedicines: '',
  };
}

export function buildContext(overrides: Partial<PrescriptionCheckContext> = {}): PrescriptionCheckContext {
  return {
    date: new Date('2024-07-19T09:00:00+01:00'),
    patient: { name: 'Sam Taylor', address: '1 High Street, Leeds', postcode: 'LS1 4AP', dateOfBirth: '1980-05-02' },
    prescriber: {
      name: 'Dr Asha Patel',
      prescriberKind: 'Medical practitioner',
      professionalBody: 'GMC',
      registrationNumber: '1234567',
    },
    practice: { name: 'Riverside Surgery', address: '2 River Road, Leeds', postcode: 'LS2 7EW', phone: '0113 496 0000' },
    ...overrides,
  };
}
