import { describe, expect, it } from 'vitest';
import {
  canPrint,
  checkPrescription,
  doseSaysHowMuch,
  isUkPostcode,
  printReminders,
  type PrescriptionProblem,
} from '../../../../src/domain/prescribing/legal-checks';
import { buildContext, buildControlledItem, buildItem, buildPrescription } from './builders';

function at(problems: PrescriptionProblem[], path: string): PrescriptionProblem[] {
  return problems.filter((problem) => problem.path === path);
}

describe('checkPrescription: a good prescription', () => {
  it('has no problems and can print', () => {
    const problems = checkPrescription(buildPrescription(), buildContext());
    expect(problems).toEqual([]);
    expect(canPrint(problems)).toBe(true);
  });

  it('has no problems for a Schedule 3 drug written as reg. 15 wants', () => {
    expect(checkPrescription(buildPrescription([buildControlledItem()]), buildContext())).toEqual([]);
  });
});

describe('HMR 2012 reg. 217: any prescription-only medicine', () => {
  it("needs the prescriber's address (the practice address and postcode)", () => {
    const context = buildContext();
    const problems = checkPrescription(buildPrescription(), { ...context, practice: { ...context.practice, address: '', postcode: '' } });
    expect(at(problems, 'practice.address')).toEqual([
      { path: 'practice.address', severity: 'error', message: "The prescriber's address is missing: add the practice address in Practice settings" },
    ]);
    expect(at(problems, 'practice.postcode')[0]?.severity).toBe('error');
    expect(canPrint(problems)).toBe(false);
  });

  it('needs the kind of prescriber', () => {
    const context = buildContext();
    const problems = checkPrescription(buildPrescription(), { ...context, prescriber: { ...context.prescriber, prescriberKind: '' } });
    expect(at(problems, 'prescriber.prescriberKind')[0]).toMatchObject({ severity: 'error', message: expect.stringContaining('kind of prescriber') });
  });

  it('needs a date', () => {
    const problems = checkPrescription(buildPrescription(), buildContext({ date: new Date('nonsense') }));
    expect(at(problems, 'date')[0]?.severity).toBe('error');
  });

  it("needs the patient's name and address", () => {
    const context = buildContext();
    const problems = checkPrescription(buildPrescription(), { ...context, patient: { ...context.patient, name: ' ', address: '' } });
    expect(at(problems, 'patient.name')[0]?.severity).toBe('error');
    expect(at(problems, 'patient.address')[0]).toMatchObject({ severity: 'error', message: "The patient's address is missing: a prescription needs it" });
  });

  it('warns when the date of birth is missing, as the age of an under-12 must be printed', () => {
    const context = buildContext();
    const problems = checkPrescription(buildPrescription(), { ...context, patient: { ...context.patient, dateOfBirth: '' } });
    expect(at(problems, 'patient.dateOfBirth')[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('under 12') });
  });

  it('refuses a date of birth after the prescription or one that does not exist', () => {
    const context = buildContext();
    const later = checkPrescription(buildPrescription(), { ...context, patient: { ...context.patient, dateOfBirth: '2024-07-20' } });
    expect(at(later, 'patient.dateOfBirth')[0]?.message).toBe('The date of birth is after the date of the prescription');
    const unreal = checkPrescription(buildPrescription(), { ...context, patient: { ...context.patient, dateOfBirth: '2023-02-29' } });
    expect(at(unreal, 'patient.dateOfBirth')[0]?.severity).toBe('error');
  });

  it('warns on missing details that are printed but not required by law', () => {
    const context = buildContext();
    const problems = checkPrescription(buildPrescription(), {
      ...context,
      prescriber: { ...context.prescriber, registrationNumber: '' },
      practice: { ...context.practice, phone: '' },
    });
    expect(problems.map((problem) => [problem.path, problem.severity])).toEqual([
      ['prescriber.registrationNumber', 'warning'],
      ['practice.phone', 'warning'],
    ]);
  });

  it('needs what was confirmed about allergies and medicines', () => {
    const prescription = { ...buildPrescription(), allergies: '', currentMedicinesStatus: 'confirmed' as const };
    const problems = checkPrescription(prescription, buildContext());
    expect(problems.map((problem) => problem.path)).toEqual(['allergies', 'currentMedicines']);
  });
});

describe('items of any medicine', () => {
  it('refuses quantities that are not positive numbers', () => {
    for (const quantity of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const problems = checkPrescription(buildPrescription([{ ...buildItem(), quantity }]), buildContext());
      expect(at(problems, 'items.0.quantity')[0]?.severity).toBe('error');
    }
  });

  it("refuses days' treatment that is not a whole number of days", () => {
    const problems = checkPrescription(buildPrescription([{ ...buildItem(), daysTreatment: 0 }]), buildContext());
    expect(at(problems, 'items.0.daysTreatment')[0]?.severity).toBe('error');
  });

  it('warns on a missing or vague dose, beside the item', () => {
    const problems = checkPrescription(
      buildPrescription([buildItem(), buildItem({ dose: '' }), buildItem({ dose: 'Take as directed' })]),
      buildContext(),
    );
    expect(at(problems, 'items.1.dose')[0]?.severity).toBe('warning');
    expect(at(problems, 'items.2.dose')[0]?.severity).toBe('warning');
    expect(at(problems, 'items.0.dose')).toEqual([]);
    expect(canPrint(problems)).toBe(true);
  });

  it('accepts a decimal volume for a medicine that is not a Schedule 2 or 3 drug', () => {
    const item = buildItem({ medicineName: 'Amoxicillin', strength: '250 mg/5 mL', form: 'oral suspension', quantity: 100.5, quantityUnit: 'mL' });
    expect(checkPrescription(buildPrescription([item]), buildContext())).toEqual([]);
  });
});

describe('MDR 2001 regs 15 and 16: Schedule 2 and 3 controlled drugs', () => {
  it.each(['As directed', 'Take as directed', 'Take as directed by a doctor', 'Use a dose as directed', 'MDU', 'As required', 'PRN', 'Take when required for pain'])(
    'refuses %j on its own as the dose',
    (dose) => {
      const problems = checkPrescription(buildPrescription([buildControlledItem({ dose })]), buildContext());
      expect(at(problems, 'items.0.dose')).toEqual([
        expect.objectContaining({ severity: 'error', message: expect.stringContaining('Schedule 3 controlled drug') }),
      ]);
    },
  );

  it.each(['One capsule as directed', 'Apply one patch every 72 hours', 'Apply a patch every 72 hours', '10 mL twice a day', '1-2 every 6 hours when required'])(
    'accepts %j',
    (dose) => {
      expect(doseSaysHowMuch(dose)).toBe(true);
      const problems = checkPrescription(buildPrescription([buildControlledItem({ dose })]), buildContext());
      expect(at(problems, 'items.0.dose')).toEqual([]);
    },
  );

  it('needs the dose, form and strength, each beside its field', () => {
    const problems = checkPrescription(buildPrescription([buildControlledItem({ dose: '', form: '', strength: '' })]), buildContext());
    expect(problems.map((problem) => [problem.path, problem.severity])).toEqual([
      ['items.0.dose', 'error'],
      ['items.0.form', 'error'],
      ['items.0.strength', 'error'],
    ]);
    expect(at(problems, 'items.0.form')[0]?.message).toContain('even when only one form exists');
  });

  it('needs the quantity in words as well as figures', () => {
    const problems = checkPrescription(buildPrescription([buildControlledItem({ quantityInWords: '' })]), buildContext());
    expect(at(problems, 'items.0.quantityInWords')[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('"fifty-six" capsules'),
    });
  });

  it('refuses words and figures that disagree', () => {
    const problems = checkPrescription(buildPrescription([buildControlledItem({ quantityInWords: 'sixty-five' })]), buildContext());
    expect(at(problems, 'items.0.quantityInWords')).toEqual([
      { path: 'items.0.quantityInWords', severity: 'error', message: 'The words say 65 but the figures say 56: make them agree' },
    ]);
  });

  it('refuses words it cannot read', () => {
    const problems = checkPrescription(buildPrescription([buildControlledItem({ quantityInWords: 'fifty sicks' })]), buildContext());
    expect(at(problems, 'items.0.quantityInWords')[0]?.message).toContain('cannot be read as a number');
  });

  it('accepts edited words in another spelling', () => {
    const problems = checkPrescription(buildPrescription([buildControlledItem({ quantityInWords: 'Fifty six' })]), buildContext());
    expect(problems).toEqual([]);
  });

  it('wants a liquid as a whole number of millilitres', () => {
    const item = buildControlledItem({ medicineName: 'Methadone', strength: '1 mg/mL', form: 'oral solution', dose: '30 mL once a day', quantity: 210.5, quantityUnit: 'mL', controlledDrugSchedule: '2', quantityInWords: '' });
    const problems = checkPrescription(buildPrescription([item]), buildContext());
    expect(at(problems, 'items.0.quantity')[0]?.message).toContain('whole number of millilitres');
  });

  it('needs a UK prescriber address', () => {
    const context = buildContext();
    const abroad = { ...context, practice: { ...context.practice, postcode: '75008' } };
    expect(at(checkPrescription(buildPrescription([buildControlledItem()]), abroad), 'practice.postcode')[0]?.severity).toBe('error');
    expect(at(checkPrescription(buildPrescription([buildItem()]), abroad), 'practice.postcode')[0]?.severity).toBe('warning');
    const jersey = { ...context, practice: { ...context.practice, postcode: 'JE2 3AB' } };
    expect(at(checkPrescription(buildPrescription([buildControlledItem()]), jersey), 'practice.postcode')[0]?.severity).toBe('error');
  });

  it('checks a listed drug as its schedule even when marked as none, and says so', () => {
    const item = buildItem({ medicineName: 'Pregabalin', strength: '75 mg', form: 'capsules', dose: 'One capsule twice a day', quantity: 56, quantityUnit: 'capsule', daysTreatment: 28 });
    const problems = checkPrescription(buildPrescription([item]), buildContext());
    expect(problems.map((problem) => [problem.path, problem.severity])).toEqual([
      ['items.0.controlledDrugSchedule', 'warning'],
      ['items.0.quantityInWords', 'error'],
    ]);
    expect(problems[0]?.message).toBe("Pregabalin is Schedule 3 on Lifeboat's list of controlled drugs: it is checked as that");
  });

  it('checks a drug the prescriber marked as Schedule 2 even if not listed', () => {
    const item = buildItem({ medicineName: 'Hydromorphone', controlledDrugSchedule: '2', scheduleSetByPrescriber: true });
    const problems = checkPrescription(buildPrescription([item]), buildContext());
    expect(at(problems, 'items.0.quantityInWords')[0]?.message).toContain('Schedule 2 controlled drug');
  });

  it('does not ask Schedule 4 or 5 for words and figures', () => {
    const zopiclone = buildItem({ medicineName: 'Zopiclone', strength: '7.5 mg', form: 'tablets', dose: 'One at night', quantity: 14, quantityUnit: 'tablet', daysTreatment: 14, controlledDrugSchedule: '4' });
    const cocodamol = buildItem({ medicineName: 'Co-codamol 30/500', form: 'tablets', dose: 'Two tablets four times a day', quantity: 100, quantityUnit: 'tablet', daysTreatment: 12, controlledDrugSchedule: '5' });
    expect(checkPrescription(buildPrescription([zopiclone, cocodamol]), buildContext())).toEqual([]);
  });
});

describe("more than 30 days' supply of Schedule 2, 3 or 4 (DHSC good practice)", () => {
  it('warns above 30 days, not at 30', () => {
    const at30 = checkPrescription(buildPrescription([buildControlledItem({ daysTreatment: 30 })]), buildContext());
    expect(at30).toEqual([]);
    const at56 = checkPrescription(buildPrescription([buildControlledItem({ daysTreatment: 56 })]), buildContext());
    expect(at(at56, 'items.0.daysTreatment')[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining("56 days is more than 30 days' supply of a Schedule 3") });
    expect(canPrint(at56)).toBe(true);
  });

  it('warns for Schedule 4 but not for Schedule 5 or ordinary medicines', () => {
    const diazepam = buildItem({ medicineName: 'Diazepam', quantity: 60, daysTreatment: 60 });
    const codeine = buildItem({ medicineName: 'Codeine phosphate 30mg tablets', quantity: 240, daysTreatment: 60 });
    const ordinary = buildItem({ daysTreatment: 60 });
    const problems = checkPrescription(buildPrescription([diazepam, codeine, ordinary]), buildContext());
    expect(problems.filter((problem) => problem.path.endsWith('daysTreatment')).map((problem) => problem.path)).toEqual(['items.0.daysTreatment']);
  });
});

describe('four items per form', () => {
  it('says how many forms five items print on', () => {
    const items = Array.from({ length: 5 }, () => buildItem());
    const problems = checkPrescription(buildPrescription(items), buildContext());
    expect(problems).toEqual([
      { path: 'items', severity: 'warning', message: '5 medicines will print on 2 forms (at most 4 on each form in England): sign every form' },
    ]);
  });

  it('needs at least one item', () => {
    expect(at(checkPrescription(buildPrescription([]), buildContext()), 'items')[0]?.severity).toBe('error');
  });
});

describe('isUkPostcode', () => {
  it.each(['LS1 4AP', 'ls14ap', 'SW1A 1AA', 'EC1A 1BB', 'M1 1AE', 'B33 8TH', 'CR2 6XH', 'DN55 1PT', 'BT1 5GS', 'GIR 0AA'])('accepts %s', (postcode) => {
    expect(isUkPostcode(postcode)).toBe(true);
  });
  it.each(['', '75008', 'LS1', 'JE2 3AB', 'GY1 1AA', 'IM1 1AA', 'D02 X285'])('refuses %j', (postcode) => {
    expect(isUkPostcode(postcode)).toBe(false);
  });
});

describe('printReminders', () => {
  it('reminds to sign in ink, and to check words and figures for Schedule 2 and 3', () => {
    expect(printReminders(buildPrescription())).toHaveLength(1);
    expect(printReminders(buildPrescription([buildControlledItem()]))[1]).toContain('words and figures');
  });
});
