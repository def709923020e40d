import { z } from 'zod';
import { recordSchema } from './record';

/**
 * A GP practice's ODS code: one letter and five digits (`A81001`), as NHS England's
 * Organisation Data Service issues them to GP practices. Typed codes are trimmed and uppercased.
 */
export const odsCodeSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]\d{5}$/, 'Enter the ODS code as one letter and five numbers, like A81001');

export const ukPhoneSchema = z
  .string()
  .trim()
  .regex(/^\+?[\d ()-]{10,20}$/, 'Enter a phone number, like 01632 960 001');

export const practiceDetailsSchema = z.object({
  name: z.string().trim().min(1, 'Enter the practice name').max(200),
  odsCode: z.union([odsCodeSchema, z.literal('')]).default(''),
  address: z.string().trim().max(500).default(''),
  postcode: z.string().trim().toUpperCase().max(10).default(''),
  phone: z.union([ukPhoneSchema, z.literal('')]).default(''),
});
export type PracticeDetails = z.infer<typeof practiceDetailsSchema>;
export type PracticeDetailsInput = z.input<typeof practiceDetailsSchema>;

export const practiceSchema = recordSchema(z.literal('active'), practiceDetailsSchema);
export type Practice = z.infer<typeof practiceSchema>;

/** What regulation 217 needs of the prescriber's address, checked before a prescription prints. */
export function practiceAddressIsComplete(details: PracticeDetails): boolean {
  return details.address.length > 0 && details.postcode.length > 0;
}
