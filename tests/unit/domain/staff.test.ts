import { describe, expect, it } from 'vitest';
import {
  findDuplicateStaff,
  isPrescriber,
  prescriberKindsForRole,
  staffDetailsSchema,
  staffDisplayName,
  type StaffDetails,
  type StaffDetailsInput,
  type StaffMember,
} from '../../../src/domain/staff';
import { nurseDetails } from '../people';

const GP: StaffDetailsInput = {
  name: 'Dr Asha Patel',
  role: 'gp',
  professionalBody: 'GMC',
  registrationNumber: '1234567',
  prescriberKind: 'Medical practitioner',
};
const NURSE_PRESCRIBER: StaffDetailsInput = nurseDetails();
const PHARMACIST_PRESCRIBER: StaffDetailsInput = {
  name: 'Priya Shah',
  role: 'pharmacist',
  canPrescribe: true,
  professionalBody: 'GPhC',
  registrationNumber: '2012345',
  prescriberKind: 'Pharmacist independent prescriber',
};
const PARAMEDIC_PRESCRIBER: StaffDetailsInput = {
  name: 'Lee Evans',
  role: 'paramedic',
  canPrescribe: true,
  professionalBody: 'HCPC',
  registrationNumber: 'PA12345',
  prescriberKind: 'Paramedic independent prescriber',
};

/** The message the schema puts on each field, or {} when the details are valid. */
function problems(input: StaffDetailsInput): Record<string, string> {
  const result = staffDetailsSchema.safeParse(input);
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

function details(input: StaffDetailsInput): StaffDetails {
  return staffDetailsSchema.parse(input);
}

describe('staffDetailsSchema: who may be set up', () => {
  it.each([
    ['a GP', GP],
    ['a nurse prescriber', NURSE_PRESCRIBER],
    ['a pharmacist prescriber', PHARMACIST_PRESCRIBER],
    ['a paramedic prescriber', PARAMEDIC_PRESCRIBER],
    ['a nurse who does not prescribe', { name: 'Kim Lowe', role: 'nurse' }],
    ['a receptionist', { name: 'Jo Reed', role: 'reception' }],
    ['a practice manager', { name: 'Ann Marsh', role: 'admin' }],
  ] satisfies [string, StaffDetailsInput][])('accepts %s', (_who, input) => {
    expect(problems(input)).toEqual({});
  });

  it('asks for a name and a role', () => {
    expect(problems({ name: '   ', role: '' as StaffDetailsInput['role'] })).toEqual({
      name: 'Enter the full name, like Dr Asha Patel',
      role: 'Choose a role',
    });
  });

  it('fills in the defaults for someone who does not prescribe', () => {
    expect(details({ name: '  Jo Reed ', role: 'reception' })).toEqual({
      name: 'Jo Reed',
      role: 'reception',
      canPrescribe: false,
      professionalBody: '',
      registrationNumber: '',
      prescriberKind: '',
    });
  });

  it('refuses prescribing to non-clinical staff', () => {
    expect(problems({ name: 'Jo Reed', role: 'reception', canPrescribe: true })).toEqual({ canPrescribe: 'Only clinical staff can prescribe' });
    expect(problems({ name: 'Ann Marsh', role: 'admin', canPrescribe: true })).toEqual({ canPrescribe: 'Only clinical staff can prescribe' });
  });

  it('treats a GP as a prescriber even without the box ticked', () => {
    expect(problems({ name: 'Dr Ben Cole', role: 'gp', canPrescribe: false })).toEqual({
      professionalBody: expect.stringContaining('who prescribes is registered with the GMC'),
      registrationNumber: 'Enter the professional registration number: prescriptions need it',
      prescriberKind: 'Choose the kind of prescriber, as it must appear on a prescription',
    });
  });

  it.each([
    ['nurse', NURSE_PRESCRIBER, 'GMC', 'A nurse who prescribes is registered with the NMC'],
    ['pharmacist', PHARMACIST_PRESCRIBER, 'NMC', 'A pharmacist who prescribes is registered with the GPhC'],
    ['paramedic', PARAMEDIC_PRESCRIBER, 'GPhC', 'A paramedic who prescribes is registered with the HCPC'],
    ['GP', GP, 'HCPC', 'who prescribes is registered with the GMC'],
  ] satisfies [string, StaffDetailsInput, StaffDetailsInput['professionalBody'], string][])(
    'refuses the wrong professional body for a %s',
    (_role, input, professionalBody, message) => {
      expect(problems({ ...input, professionalBody })).toEqual({ professionalBody: expect.stringContaining(message) });
    },
  );
});

describe('staffDetailsSchema: registration numbers', () => {
  it.each(['1234567', '7654321', ' 1234567 '])('accepts the GMC number %j', (registrationNumber) => {
    expect(problems({ ...GP, registrationNumber })).toEqual({});
  });

  it.each(['123456', '12345678', 'A234567', '123 4567'])('refuses the GMC number %j', (registrationNumber) => {
    expect(problems({ ...GP, registrationNumber })).toEqual({ registrationNumber: 'A GMC number is 7 numbers, like 1234567' });
  });

  it.each(['12A3456E', '99Z0000Y', '12a3456e'])('accepts the NMC PIN %j', (registrationNumber) => {
    expect(problems({ ...NURSE_PRESCRIBER, registrationNumber })).toEqual({});
  });

  it.each(['12A3456', '123456E', '1AA3456E', '12A34567E', '1234567'])('refuses the NMC PIN %j', (registrationNumber) => {
    expect(problems({ ...NURSE_PRESCRIBER, registrationNumber })).toEqual({ registrationNumber: expect.stringMatching(/^An? NMC number is like 12A3456E$/) });
  });

  it.each(['2012345', '2099999'])('accepts the GPhC number %j', (registrationNumber) => {
    expect(problems({ ...PHARMACIST_PRESCRIBER, registrationNumber })).toEqual({});
  });

  it.each(['201234', '20123456', 'G201234'])('refuses the GPhC number %j', (registrationNumber) => {
    expect(problems({ ...PHARMACIST_PRESCRIBER, registrationNumber })).toEqual({
      registrationNumber: 'A GPhC number is 7 numbers, like 2012345',
    });
  });

  it.each(['PA1234', 'PA12345', 'PA123456', 'pa12345'])('accepts the HCPC number %j', (registrationNumber) => {
    expect(problems({ ...PARAMEDIC_PRESCRIBER, registrationNumber })).toEqual({});
  });

  it.each(['PA123', 'PA1234567', '12345', 'PH12345'])('refuses the HCPC number %j', (registrationNumber) => {
    expect(problems({ ...PARAMEDIC_PRESCRIBER, registrationNumber })).toEqual({ registrationNumber: expect.stringMatching(/^An? HCPC number is like PA12345$/) });
  });

  it('keeps registration numbers trimmed and in capitals', () => {
    expect(details({ ...NURSE_PRESCRIBER, registrationNumber: ' 12a3456e ' }).registrationNumber).toBe('12A3456E');
  });

  it('asks for the number when a prescriber leaves it out', () => {
    expect(problems({ ...NURSE_PRESCRIBER, registrationNumber: '  ' })).toEqual({
      registrationNumber: 'Enter the professional registration number: prescriptions need it',
    });
  });
});

describe('prescriber kinds', () => {
  it('lists the kinds each role may prescribe as, worded for the prescription', () => {
    expect(prescriberKindsForRole('gp')).toEqual(['Medical practitioner']);
    expect(prescriberKindsForRole('nurse')).toEqual(['Nurse independent prescriber', 'Community practitioner nurse prescriber']);
    expect(prescriberKindsForRole('pharmacist')).toEqual(['Pharmacist independent prescriber']);
    expect(prescriberKindsForRole('paramedic')).toEqual(['Paramedic independent prescriber']);
    expect(prescriberKindsForRole('reception')).toEqual([]);
    expect(prescriberKindsForRole('admin')).toEqual([]);
  });

  it('accepts either nurse prescriber kind', () => {
    expect(problems({ ...NURSE_PRESCRIBER, prescriberKind: 'Community practitioner nurse prescriber' })).toEqual({});
  });

  it.each([
    ['a nurse as a medical practitioner', { ...NURSE_PRESCRIBER, prescriberKind: 'Medical practitioner' }],
    ['a GP as a pharmacist', { ...GP, prescriberKind: 'Pharmacist independent prescriber' }],
    ['a paramedic with no kind', { ...PARAMEDIC_PRESCRIBER, prescriberKind: '' }],
  ] satisfies [string, StaffDetailsInput][])('refuses %s', (_case, input) => {
    expect(problems(input)).toEqual({ prescriberKind: 'Choose the kind of prescriber, as it must appear on a prescription' });
  });

  it('knows who prescribes', () => {
    expect(isPrescriber(details({ ...GP, canPrescribe: false }))).toBe(true);
    expect(isPrescriber(details(NURSE_PRESCRIBER))).toBe(true);
    expect(isPrescriber(details({ name: 'Kim Lowe', role: 'nurse' }))).toBe(false);
    expect(isPrescriber(details({ name: 'Jo Reed', role: 'reception' }))).toBe(false);
  });

  it('shows a user with their role', () => {
    expect(staffDisplayName(details(GP))).toBe('Dr Asha Patel (GP)');
    expect(staffDisplayName({ name: 'Ann Marsh', role: 'admin' })).toBe('Ann Marsh (Practice manager or admin)');
  });
});

describe('findDuplicateStaff', () => {
  let next = 1;
  function member(input: StaffDetailsInput, status: StaffMember['status'] = 'active'): Pick<StaffMember, 'id' | 'status' | 'data'> {
    return { id: `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}`, status, data: details(input) };
  }

  const gp = member(GP);
  const receptionist = member({ name: 'Jo Reed', role: 'reception' });
  const existing = [gp, receptionist];

  it('finds the same name in the same role, whatever the case and spacing', () => {
    expect(findDuplicateStaff(existing, details({ ...GP, name: '  dr   ASHA patel ', registrationNumber: '7654321' }))).toEqual({
      field: 'name',
      message: 'Dr Asha Patel (GP) is already set up on this device',
    });
    expect(findDuplicateStaff(existing, details({ name: 'jo reed', role: 'reception' }))).toEqual({
      field: 'name',
      message: 'Jo Reed (Reception) is already set up on this device',
    });
  });

  it('allows the same name in another role', () => {
    expect(findDuplicateStaff(existing, details({ name: 'Jo Reed', role: 'admin' }))).toBeNull();
  });

  it('finds the same registration number under another name', () => {
    expect(findDuplicateStaff(existing, details({ ...GP, name: 'Dr Ben Cole' }))).toEqual({
      field: 'registrationNumber',
      message: 'Dr Asha Patel already has registration number 1234567',
    });
  });

  it('does not treat two people without a registration number as the same', () => {
    expect(findDuplicateStaff(existing, details({ name: 'Ann Marsh', role: 'reception' }))).toBeNull();
  });

  it('ignores removed users, and the user being edited', () => {
    const removed = member(NURSE_PRESCRIBER, 'removed');
    expect(findDuplicateStaff([removed], details(NURSE_PRESCRIBER))).toBeNull();
    expect(findDuplicateStaff(existing, details(GP), gp.id)).toBeNull();
    expect(findDuplicateStaff(existing, details(GP), receptionist.id)).not.toBeNull();
  });
});
