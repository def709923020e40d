import { z } from 'zod';

/**
 * NHS numbers: 10 digits, the last a modulus 11 check digit, shown as 3 3 4 (`943 476 5919`),
 * stored without spaces. The check is the NHS Data Dictionary's "NHS NUMBER" algorithm:
 * https://www.datadictionary.nhs.uk/attributes/nhs_number.html
 */

export const NHS_NUMBER_FORMAT_MESSAGE = 'Enter a 10-digit NHS number, like 943 476 5919';
export const NHS_NUMBER_CHECK_MESSAGE = 'This is not a valid NHS number: check the digits';

const TEN_DIGITS = /^\d{10}$/;

/** Strips the spaces and hyphens people type or paste (`943 476 5919`, `943-476-5919`). */
export function normaliseNhsNumber(input: string): string {
  return input.replace(/[\s-]/g, '');
}

/**
 * The check digit the first nine digits call for, or null when the calculation gives 10,
 * which means no valid NHS number starts with those nine digits.
 * Weights 10 down to 2; 11 minus the remainder mod 11; 11 becomes 0.
 */
export function nhsNumberCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new Error('nhsNumberCheckDigit needs exactly nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  if (check === 10) return null;
  return check;
}

/** True for a 10-digit number (spaces and hyphens allowed) whose check digit is right. */
export function isValidNhsNumber(input: string): boolean {
  const digits = normaliseNhsNumber(input);
  if (!TEN_DIGITS.test(digits)) return false;
  const expected = nhsNumberCheckDigit(digits.slice(0, 9));
  return expected !== null && expected === Number(digits[9]);
}

/** `9434765919` → `943 476 5919`. Anything that is not 10 digits comes back as it was given. */
export function formatNhsNumber(input: string): string {
  const digits = normaliseNhsNumber(input);
  if (!TEN_DIGITS.test(digits)) return input;
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

function checkShapeAndDigit(value: string, ctx: z.core.$RefinementCtx<string>, allowEmpty: boolean): void {
  if (value === '' && allowEmpty) return;
  if (!TEN_DIGITS.test(value)) {
    ctx.addIssue({ code: 'custom', message: NHS_NUMBER_FORMAT_MESSAGE });
  } else if (!isValidNhsNumber(value)) {
    ctx.addIssue({ code: 'custom', message: NHS_NUMBER_CHECK_MESSAGE });
  }
}

/** A required NHS number: parses `943 476 5919` to `9434765919`, or fails with one clear message. */
export const nhsNumberSchema = z
  .string({ message: NHS_NUMBER_FORMAT_MESSAGE })
  .overwrite(normaliseNhsNumber)
  .superRefine((value, ctx) => checkShapeAndDigit(value, ctx, false));

/**
 * An NHS number on a record where it may be unknown (a walk-in may not know theirs):
 * empty or blank stays `''`, anything else must be a valid NHS number and is stored without spaces.
 */
export const optionalNhsNumberSchema = z
  .string({ message: NHS_NUMBER_FORMAT_MESSAGE })
  .overwrite(normaliseNhsNumber)
  .superRefine((value, ctx) => checkShapeAndDigit(value, ctx, true))
  .default('');

/** The identifier system for NHS numbers in FHIR (UK Core). */
export const NHS_NUMBER_SYSTEM = 'https://fhir.nhs.uk/Id/nhs-number';

/** The UK Core extension that carries an NHS number's trace status, on `Patient.identifier`. */
export const NHS_NUMBER_VERIFICATION_STATUS_EXTENSION =
  'https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus';

/**
 * A number typed during an outage has not been traced against the national register (PDS), so it
 * carries code 02. Code system and display from HL7 UK's UK Core CodeSystem
 * UKCore-NHSNumberVerificationStatusEngland (copied from the NHS Data Dictionary's
 * "NHS Number Status Indicator Code").
 */
export const NHS_NUMBER_NOT_TRACED = {
  system: 'https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland',
  code: '02',
  display: 'Number present but not traced',
} as const;

/** What Lifeboat says beside an NHS number typed on the device. */
export const NHS_NUMBER_NOT_TRACED_NOTE = 'NHS number typed during the outage: not traced against the national register';

/** A FHIR R4 Identifier for an NHS number typed on this device, marked as not traced. */
export function untracedNhsNumberIdentifier(nhsNumber: string) {
  return {
    extension: [
      {
        url: NHS_NUMBER_VERIFICATION_STATUS_EXTENSION,
        valueCodeableConcept: { coding: [{ ...NHS_NUMBER_NOT_TRACED }] },
      },
    ],
    system: NHS_NUMBER_SYSTEM,
    value: normaliseNhsNumber(nhsNumber),
  };
}
