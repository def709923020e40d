import { describe, expect, it } from 'vitest';
import {
  NHS_NUMBER_CHECK_MESSAGE,
  NHS_NUMBER_FORMAT_MESSAGE,
  NHS_NUMBER_NOT_TRACED,
  formatNhsNumber,
  isValidNhsNumber,
  nhsNumberCheckDigit,
  nhsNumberSchema,
  normaliseNhsNumber,
  optionalNhsNumberSchema,
  untracedNhsNumberIdentifier,
} from '../../../src/domain/nhs-number';

function firstMessage(result: { success: boolean; error?: { issues: { message: string }[] } }): string | undefined {
  return result.error?.issues[0]?.message;
}

describe('NHS number check digit (modulus 11, NHS Data Dictionary)', () => {
  it('accepts the published example 943 476 5919', () => {
    // 9×10 + 4×9 + 3×8 + 4×7 + 7×6 + 6×5 + 5×4 + 9×3 + 1×2 = 299; 299 mod 11 = 2; 11 − 2 = 9.
    expect(nhsNumberCheckDigit('943476591')).toBe(9);
    expect(isValidNhsNumber('9434765919')).toBe(true);
  });

  it('rejects the same number with the wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
  });

  it('accepts other published test numbers', () => {
    expect(isValidNhsNumber('4010232137')).toBe(true);
    expect(isValidNhsNumber('9999999999')).toBe(true);
  });

  it('treats a result of 11 as check digit 0', () => {
    // 1×10 + 6×2 = 22; 22 mod 11 = 0; 11 − 0 = 11 → 0.
    expect(nhsNumberCheckDigit('100000006')).toBe(0);
    expect(isValidNhsNumber('1000000060')).toBe(true);
  });

  it('rejects every number whose check computes to 10, whatever its last digit', () => {
    // 1×10 + 2×9 + 3×8 + 4×7 + 5×6 + 6×5 + 7×4 + 8×3 + 9×2 = 210; 210 mod 11 = 1; 11 − 1 = 10.
    expect(nhsNumberCheckDigit('123456789')).toBeNull();
    for (let last = 0; last <= 9; last += 1) expect(isValidNhsNumber(`123456789${last}`)).toBe(false);
  });

  it('rejects the wrong length and non-digits', () => {
    expect(isValidNhsNumber('943476591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('94347659l9')).toBe(false);
    expect(isValidNhsNumber('')).toBe(false);
  });

  it('only computes a check digit from nine digits', () => {
    expect(() => nhsNumberCheckDigit('94347659')).toThrow();
  });
});

describe('normalising and formatting', () => {
  it('strips spaces and hyphens', () => {
    expect(normaliseNhsNumber(' 943 476 5919 ')).toBe('9434765919');
    expect(normaliseNhsNumber('943-476-5919')).toBe('9434765919');
    expect(isValidNhsNumber('943-476 5919')).toBe(true);
  });

  it('formats as 3 3 4', () => {
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('943-476-5919')).toBe('943 476 5919');
  });

  it('leaves anything that is not 10 digits as given', () => {
    expect(formatNhsNumber('12345')).toBe('12345');
  });
});

describe('nhsNumberSchema', () => {
  it('stores a valid number without spaces', () => {
    expect(nhsNumberSchema.parse('943 476 5919')).toBe('9434765919');
  });

  it('asks for 10 digits when the shape is wrong', () => {
    expect(firstMessage(nhsNumberSchema.safeParse('943 476'))).toBe(NHS_NUMBER_FORMAT_MESSAGE);
    expect(firstMessage(nhsNumberSchema.safeParse(''))).toBe(NHS_NUMBER_FORMAT_MESSAGE);
    expect(firstMessage(nhsNumberSchema.safeParse('NHS9434765919'))).toBe(NHS_NUMBER_FORMAT_MESSAGE);
  });

  it('says the check failed when there are 10 digits', () => {
    const result = nhsNumberSchema.safeParse('943 476 5918');
    expect(result.success).toBe(false);
    expect(result.error?.issues).toHaveLength(1);
    expect(firstMessage(result)).toBe(NHS_NUMBER_CHECK_MESSAGE);
  });

  it('gives the messages the brief asks for', () => {
    expect(NHS_NUMBER_FORMAT_MESSAGE).toBe('Enter a 10-digit NHS number, like 943 476 5919');
    expect(NHS_NUMBER_CHECK_MESSAGE).toBe('This is not a valid NHS number: check the digits');
  });
});

describe('optionalNhsNumberSchema', () => {
  it('allows an unknown number as empty', () => {
    expect(optionalNhsNumberSchema.parse('')).toBe('');
    expect(optionalNhsNumberSchema.parse('   ')).toBe('');
    expect(optionalNhsNumberSchema.parse(undefined)).toBe('');
  });

  it('validates a number when one is typed', () => {
    expect(optionalNhsNumberSchema.parse('943 476 5919')).toBe('9434765919');
    expect(firstMessage(optionalNhsNumberSchema.safeParse('9434765918'))).toBe(NHS_NUMBER_CHECK_MESSAGE);
    expect(firstMessage(optionalNhsNumberSchema.safeParse('94347'))).toBe(NHS_NUMBER_FORMAT_MESSAGE);
  });
});

describe('FHIR verification status for numbers typed during an outage', () => {
  it('is code 02, present but not traced, from the UK Core England code system', () => {
    expect(NHS_NUMBER_NOT_TRACED).toEqual({
      system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
      code: '02',
      display: 'Number present but not traced',
    });
  });

  it('builds an identifier with the verification status extension', () => {
    expect(untracedNhsNumberIdentifier('943 476 5919')).toEqual({
      extension: [
        {
          url: 'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus',
          valueCodeableConcept: { coding: [NHS_NUMBER_NOT_TRACED] },
        },
      ],
      system: 'https://fhir.nhs.uk/Id/nhs-number',
      value: '9434765919',
    });
  });
});
