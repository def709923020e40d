import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ageInYears,
  findLikelyDuplicates,
  formatPostcode,
  parseDateInput,
  patientDetailsSchema,
  patientFullName,
  patientListName,
  patientSchema,
  patientSummaryLine,
  searchKey,
  searchPatients,
  type PatientDetails,
  type PatientDetailsInput,
} from '../../../src/domain/patient';

const NOW = new Date('2024-07-19T09:00:00+01:00');

function details(overrides: PatientDetailsInput | Partial<PatientDetails> = {}): PatientDetails {
  return patientDetailsSchema.parse({
    firstName: 'Asha',
    lastName: 'Patel',
    dateOfBirth: '1984-07-19',
    sex: 'female',
    ...overrides,
  });
}

let nextId = 1;
function stored(data: PatientDetails) {
  const id = `00000000-0000-4000-8000-${String(nextId++).padStart(12, '0')}`;
  return { id, data };
}

function messages(input: Record<string, unknown>): Record<string, string> {
  const result = patientDetailsSchema.safeParse({ firstName: 'A', lastName: 'B', dateOfBirth: '1984-07-19', sex: 'male', ...input });
  if (result.success) return {};
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('patientDetailsSchema', () => {
  it('parses a walk-in with only the essentials, defaulting the rest to empty', () => {
    expect(details()).toEqual({
      firstName: 'Asha', lastName: 'Patel', dateOfBirth: '1984-07-19', sex: 'female',
      nhsNumber: '', address: '', postcode: '', phone: '',
    });
  });

  it('stores names beyond Latin-1 exactly as typed, only trimmed', () => {
    const names = ['Łukasz', 'Nguyễn', 'Αλέξανδρος', "Zoë O'Brien-Smith", '王秀英', 'Siân'];
    for (const name of names) expect(details({ firstName: ` ${name} ` }).firstName).toBe(name);
    const decomposed = 'Zoe\u0308';
    expect(details({ firstName: decomposed }).firstName).toBe(decomposed);
  });

  it('asks for both names', () => {
    expect(messages({ firstName: '  ', lastName: '' })).toEqual({ firstName: 'Enter the first name', lastName: 'Enter the last name' });
  });

  it('reads a date of birth typed the UK way or as ISO', () => {
    expect(details({ dateOfBirth: '19/07/1984' }).dateOfBirth).toBe('1984-07-19');
    expect(details({ dateOfBirth: '1/2/1990' }).dateOfBirth).toBe('1990-02-01');
    expect(details({ dateOfBirth: '1984-07-19' }).dateOfBirth).toBe('1984-07-19');
  });

  it('rejects dates that do not exist, are in the future or are before 1890', () => {
    expect(messages({ dateOfBirth: '31/02/2000' })).toHaveProperty('dateOfBirth');
    expect(messages({ dateOfBirth: 'July 1984' })).toHaveProperty('dateOfBirth');
    expect(messages({ dateOfBirth: '20/07/2024' })).toEqual({ dateOfBirth: 'Date of birth cannot be in the future' });
    expect(messages({ dateOfBirth: '31/12/1889' })).toEqual({ dateOfBirth: 'Date of birth must be after 1890: check the year' });
    expect(messages({ dateOfBirth: '19/07/2024' })).toEqual({});
  });

  it("judges 'the future' by London's date, not UTC's", () => {
    vi.setSystemTime(new Date('2024-07-19T23:30:00Z')); // 00:30 on 20 July in London (BST)
    expect(messages({ dateOfBirth: '2024-07-20' })).toEqual({});
  });

  it('validates the NHS number only when one is typed', () => {
    expect(details({ nhsNumber: '943 476 5919' }).nhsNumber).toBe('9434765919');
    expect(messages({ nhsNumber: '943 476 5918' })).toEqual({ nhsNumber: 'This is not a valid NHS number: check the digits' });
  });

  it('formats a postcode and rejects one of the wrong shape', () => {
    expect(details({ postcode: 'sw1a1aa' }).postcode).toBe('SW1A 1AA');
    expect(details({ postcode: ' ls1  4ap ' }).postcode).toBe('LS1 4AP');
    expect(formatPostcode('m11ae')).toBe('M1 1AE');
    expect(messages({ postcode: 'SW1A' })).toEqual({ postcode: 'Enter a full UK postcode, like SW1A 1AA' });
    expect(messages({ postcode: '12345' })).toHaveProperty('postcode');
  });

  it('keeps an optional phone number, checked when present', () => {
    expect(details({ phone: ' 01632 960 001 ' }).phone).toBe('01632 960 001');
    expect(messages({ phone: 'call me' })).toHaveProperty('phone');
  });

  it('knows four sexes', () => {
    for (const sex of ['female', 'male', 'other', 'unknown']) expect(messages({ sex })).toEqual({});
    expect(messages({ sex: 'f' })).toEqual({ sex: 'Choose the sex, or Not known' });
  });

  it('builds a stored record schema', () => {
    const record = {
      id: '11111111-1111-4111-8111-111111111111',
      createdAt: '2024-07-19T09:00:00+01:00',
      updatedAt: '2024-07-19T09:00:00+01:00',
      authorId: '22222222-2222-4222-8222-222222222222',
      deviceId: '33333333-3333-4333-8333-333333333333',
      status: 'active',
      data: { firstName: 'Zoë', lastName: "O'Brien-Smith", dateOfBirth: '19/07/1984', sex: 'female' },
    };
    expect(patientSchema.parse(record).data.dateOfBirth).toBe('1984-07-19');
    expect(patientSchema.safeParse({ ...record, status: 'deleted' }).success).toBe(false);
  });
});

describe('parseDateInput', () => {
  it('reads UK and ISO dates and refuses others', () => {
    expect(parseDateInput('19/07/1984')).toBe('1984-07-19');
    expect(parseDateInput('19.07.1984')).toBe('1984-07-19');
    expect(parseDateInput('29/02/2024')).toBe('2024-02-29');
    expect(parseDateInput('29/02/2023')).toBeNull();
    expect(parseDateInput('07/19/1984')).toBeNull();
    expect(parseDateInput('1984')).toBeNull();
  });
});

describe('ageInYears', () => {
  it('counts whole years on the London date', () => {
    expect(ageInYears('1984-07-19', NOW)).toBe(40);
    expect(ageInYears('1984-07-20', NOW)).toBe(39);
    expect(ageInYears('2024-07-19', NOW)).toBe(0);
    expect(ageInYears('2013-01-01', NOW)).toBe(11);
  });

  it("turns over at London's midnight, not UTC's", () => {
    expect(ageInYears('1984-07-19', new Date('2024-07-18T23:30:00Z'))).toBe(40);
    expect(ageInYears('1984-12-25', new Date('2024-12-24T23:30:00Z'))).toBe(39); // GMT: still 24 December
  });

  it('turns a 29 February birthday over on 1 March in other years', () => {
    expect(ageInYears('2000-02-29', new Date('2023-02-28T12:00:00Z'))).toBe(22);
    expect(ageInYears('2000-02-29', new Date('2023-03-01T12:00:00Z'))).toBe(23);
  });
});

describe('display helpers', () => {
  const zoe = details({ firstName: 'Zoë', lastName: "O'Brien-Smith", nhsNumber: '9434765919' });

  it('names a patient in full and family-name first', () => {
    expect(patientFullName(zoe)).toBe("Zoë O'Brien-Smith");
    expect(patientListName(zoe)).toBe("O'BRIEN-SMITH, Zoë");
    expect(patientListName({ firstName: 'Lan', lastName: 'Nguyễn' })).toBe('NGUYỄN, Lan');
  });

  it('gives a one-line identification', () => {
    expect(patientSummaryLine(zoe)).toBe("O'BRIEN-SMITH, Zoë · 19/07/1984 · NHS 943 476 5919");
    expect(patientSummaryLine(details())).toBe('PATEL, Asha · 19/07/1984');
  });
});

describe('search tolerance', () => {
  const lukasz = stored(details({ firstName: 'Łukasz', lastName: 'Wójcik', dateOfBirth: '1990-03-02' }));
  const nguyen = stored(details({ firstName: 'Thị Lan', lastName: 'Nguyễn', dateOfBirth: '1975-11-30' }));
  const alexandros = stored(details({ firstName: 'Αλέξανδρος', lastName: 'Παπαδόπουλος', dateOfBirth: '1962-05-05' }));
  const zoe = stored(details({ firstName: 'Zoë', lastName: "O'Brien-Smith", nhsNumber: '943 476 5919' }));
  const all = [lukasz, nguyen, alexandros, zoe];
  const find = (query: string) => searchPatients(all, query).map((p) => p.data.firstName);

  it('makes search keys without case, marks or apostrophes', () => {
    expect(searchKey('Łukasz')).toBe('lukasz');
    expect(searchKey('Nguyễn')).toBe('nguyen');
    expect(searchKey('Αλέξανδρος')).toBe('αλεξανδροσ');
    expect(searchKey("Zoë O'Brien-Smith")).toBe('zoe obrien smith');
    expect(searchKey('Zoe\u0308  O’BRIEN')).toBe('zoe obrien');
  });

  it('finds Łukasz from lukasz and Wójcik from wojcik', () => {
    expect(find('lukasz')).toEqual(['Łukasz']);
    expect(find('WOJCIK')).toEqual(['Łukasz']);
  });

  it('finds Nguyễn from nguyen, and by any given name', () => {
    expect(find('nguyen')).toEqual(['Thị Lan']);
    expect(find('thi nguyen')).toEqual(['Thị Lan']);
    expect(find('lan')).toEqual(['Thị Lan']);
  });

  it('finds Αλέξανδρος typed without accents or in capitals', () => {
    expect(find('αλεξανδρος')).toEqual(['Αλέξανδρος']);
    expect(find('ΑΛΕΞΑΝΔΡΟΣ')).toEqual(['Αλέξανδρος']);
    expect(find('αλεξ')).toEqual(['Αλέξανδρος']);
  });

  it("finds Zoë O'Brien-Smith however the name is typed", () => {
    for (const query of ['zoe', 'Zoë', 'obrien', "o'brien", 'O’Brien', 'obrien-smith', 'obriensmith', 'smith zoe', 'o brien']) {
      expect(find(query), query).toEqual(['Zoë']);
    }
  });

  it('finds by NHS number with or without spaces, or part of it', () => {
    expect(find('9434765919')).toEqual(['Zoë']);
    expect(find('943 476 5919')).toEqual(['Zoë']);
    expect(find('943-476-5919')).toEqual(['Zoë']);
    expect(find('943 476')).toEqual(['Zoë']);
    expect(find('1234567890')).toEqual([]);
  });

  it('finds by date of birth typed either way', () => {
    expect(find('19/07/1984')).toEqual(['Zoë']);
    expect(find('1984-07-19')).toEqual(['Zoë']);
    expect(find('2/3/1990')).toEqual(['Łukasz']);
  });

  it('combines name and date of birth', () => {
    expect(find('nguyen 30/11/1975')).toEqual(['Thị Lan']);
    expect(find('nguyen 19/07/1984')).toEqual([]);
  });

  it('returns everyone for an empty query and no one for a stranger', () => {
    expect(find('   ')).toHaveLength(4);
    expect(find('smyth')).toEqual([]);
  });
});

describe('findLikelyDuplicates', () => {
  const zoe = stored(details({ firstName: 'Zoë', lastName: "O'Brien-Smith", nhsNumber: '9434765919' }));
  const asha = stored(details());

  it('finds the same NHS number whatever the name', () => {
    const found = findLikelyDuplicates([asha, zoe], details({ firstName: 'Z', lastName: 'Smith', nhsNumber: '943 476 5919' }));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ patient: zoe, reason: 'nhs-number' });
    expect(found[0]?.message).toBe("Zoë O'Brien-Smith already has NHS number 943 476 5919");
  });

  it('finds the same name, typed differently, with the same date of birth', () => {
    const found = findLikelyDuplicates([asha, zoe], details({ firstName: 'zoe', lastName: 'OBRIEN SMITH' }));
    expect(found.map((d) => [d.patient.id, d.reason])).toEqual([[zoe.id, 'name-and-date-of-birth']]);
  });

  it('finds first and last names swapped', () => {
    expect(findLikelyDuplicates([asha], details({ firstName: 'Patel', lastName: 'Asha' }))).toHaveLength(1);
  });

  it('does not match the same name with a different date of birth, or an empty NHS number', () => {
    expect(findLikelyDuplicates([asha], details({ dateOfBirth: '1984-07-20' }))).toEqual([]);
    const noNumber = stored(details({ firstName: 'Ben', lastName: 'Ola' }));
    expect(findLikelyDuplicates([noNumber], details({ firstName: 'Cy', lastName: 'Dee' }))).toEqual([]);
  });

  it('ignores the record being edited', () => {
    expect(findLikelyDuplicates([asha], asha.data, asha.id)).toEqual([]);
  });
});
