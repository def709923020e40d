// Deterministic builders for the prescription PDF tests: the practice, GP and patient of
// builders.ts, the ordinary item of the prescribing tests, and prescriptions made through the
// domain schema so each is one the app could hold.
import { prescriptionSchema, type Prescription, type PrescriptionItem, type PrescriptionItemInput } from '../../../src/domain/prescribing/prescription';
import { buildPrescriptionPdf, type PrescriptionPdfInput, type PrescriptionPrintMode } from '../../../src/pdf/prescription-pdf';
import { buildItem } from '../domain/prescribing/builders';
import { buildGp, buildPatient, buildPractice, IDS, PRINTED_AT } from './builders';

export { buildItem };

export const PRESCRIPTION_ID = 'b0b0cafe-5678-4abc-8def-0123456789ab';
/** 09:20 on 19 July 2024 in London, from the consultation of builders.ts. */
export const ISSUED_AT = '2024-07-19T09:20:00+01:00';

/** Morphine sulfate modified-release, a Schedule 2 controlled drug written as regulation 15 wants. */
export function buildControlledItem(overrides: Partial<PrescriptionItemInput> = {}): PrescriptionItem {
  return buildItem({
    medicineName: 'Morphine sulfate',
    strength: '10 mg',
    form: 'modified-release tablets',
    dose: 'One tablet twice a day, 12 hours apart',
    quantity: 56,
    quantityUnit: 'tablet',
    daysTreatment: 28,
    controlledDrugSchedule: '2',
    quantityInWords: 'fifty-six',
    ...overrides,
  });
}

/** The fifth, sixth... items of a long prescription: distinct names so each can be found. */
export const MORE_ITEMS: readonly PrescriptionItem[] = [
  buildItem({ medicineName: 'Paracetamol', strength: '500 mg', form: 'tablets', dose: 'Two tablets four times a day when required', quantity: 100, quantityUnit: 'tablet', daysTreatment: 14 }),
  buildItem({ medicineName: 'Salbutamol', strength: '100 micrograms/dose', form: 'pressurised inhaler', dose: 'Two puffs when required', quantity: 1, quantityUnit: 'inhaler', daysTreatment: 30 }),
  buildItem({ medicineName: 'Omeprazole', strength: '20 mg', form: 'gastro-resistant capsules', dose: 'One capsule each morning', quantity: 28, quantityUnit: 'capsule', daysTreatment: 28 }),
  buildItem({ medicineName: 'Sertraline', strength: '50 mg', form: 'tablets', dose: 'One tablet daily', quantity: 28, quantityUnit: 'tablet', daysTreatment: 28 }),
  buildItem({ medicineName: 'Lactulose', strength: '3.35 g/5 mL', form: 'oral solution', dose: '15 mL twice a day', quantity: 300, quantityUnit: 'mL', daysTreatment: 10 }),
];

export function buildPrescription(items: readonly PrescriptionItem[] = [buildItem()], overrides: Partial<Prescription> = {}): Prescription {
  return prescriptionSchema.parse({
    id: PRESCRIPTION_ID,
    createdAt: ISSUED_AT,
    updatedAt: ISSUED_AT,
    authorId: IDS.gp,
    deviceId: IDS.device,
    status: 'printed',
    ...overrides,
    data: {
      patientId: IDS.patient,
      consultationId: IDS.consultation,
      prescriberId: IDS.gp,
      kind: 'acute',
      issuedAt: ISSUED_AT,
      items,
      allergiesStatus: 'confirmed',
      allergies: 'Penicillin: rash (as stated by the patient)',
      currentMedicinesStatus: 'not-known',
      ...overrides.data,
    },
  });
}

/** Everything `buildPrescriptionPdf` needs, onto stationery with no offsets unless overridden. */
export function buildPrescriptionPdfInput(prescription: Prescription, overrides: Partial<PrescriptionPdfInput> = {}): PrescriptionPdfInput {
  return {
    prescription,
    patient: buildPatient(),
    practice: buildPractice(),
    prescriber: buildGp(),
    mode: 'fp10ss',
    calibration: { offsetXmm: 0, offsetYmm: 0 },
    printedAt: PRINTED_AT,
    ...overrides,
  };
}

/** An 8-year-old on the date of the prescription (19 July 2024), so the age must print. */
export const CHILD = buildPatient({ firstName: 'Amara', lastName: 'Okoye', dateOfBirth: '2016-03-01' });

/** A Schedule 2 controlled drug and an ordinary medicine: one form. */
export const CD_AND_ORDINARY = buildPrescription([buildControlledItem(), buildItem()]);

/** The PDF of `prescription` (by default CD_AND_ORDINARY) in `mode`, with the rest of the input overridden. */
export async function pdfFor(mode: PrescriptionPrintMode, overrides: Partial<PrescriptionPdfInput> = {}, prescription = CD_AND_ORDINARY): Promise<Blob> {
  return buildPrescriptionPdf(buildPrescriptionPdfInput(prescription, { mode, ...overrides }));
}
