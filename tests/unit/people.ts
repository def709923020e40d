// The practice and the people every unit test shares (repository, PDF and domain tests alike), as
// details before storage: plain data, no database.
import type { PracticeDetailsInput } from '../../src/domain/practice';
import type { StaffDetailsInput } from '../../src/domain/staff';

export function practiceDetails(overrides: Partial<PracticeDetailsInput> = {}): PracticeDetailsInput {
  return { name: 'Riverside Surgery', odsCode: 'A81001', address: '1 River Street, Leeds', postcode: 'LS1 4AP', phone: '01632 960 001', ...overrides };
}

export function gpDetails(overrides: Partial<StaffDetailsInput> = {}): StaffDetailsInput {
  return {
    name: 'Dr Asha Patel',
    role: 'gp',
    canPrescribe: true,
    professionalBody: 'GMC',
    registrationNumber: '1234567',
    prescriberKind: 'Medical practitioner',
    ...overrides,
  };
}

export function nurseDetails(overrides: Partial<StaffDetailsInput> = {}): StaffDetailsInput {
  return {
    name: 'Sam Okafor',
    role: 'nurse',
    canPrescribe: true,
    professionalBody: 'NMC',
    registrationNumber: '12A3456E',
    prescriberKind: 'Nurse independent prescriber',
    ...overrides,
  };
}

export function receptionDetails(overrides: Partial<StaffDetailsInput> = {}): StaffDetailsInput {
  return { name: 'Jo Reed', role: 'reception', ...overrides };
}
