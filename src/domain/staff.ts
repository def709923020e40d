import { z } from 'zod';
import { recordSchema } from './record';

export const STAFF_ROLES = ['gp', 'nurse', 'pharmacist', 'paramedic', 'reception', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** The role in a sentence ("A GP who prescribes…"). */
const ROLE_PHRASES: Record<StaffRole, string> = {
  gp: 'A GP',
  nurse: 'A nurse',
  pharmacist: 'A pharmacist',
  paramedic: 'A paramedic',
  reception: 'A receptionist',
  admin: 'An administrator',
};

export const ROLE_LABELS: Record<StaffRole, string> = {
  gp: 'GP',
  nurse: 'Nurse',
  pharmacist: 'Pharmacist',
  paramedic: 'Paramedic',
  reception: 'Reception',
  admin: 'Practice manager or admin',
};

export const CLINICAL_ROLES: readonly StaffRole[] = ['gp', 'nurse', 'pharmacist', 'paramedic'];

/** The regulators whose registration numbers appear on a prescription. */
export const PROFESSIONAL_BODIES = ['GMC', 'NMC', 'GPhC', 'HCPC'] as const;
export type ProfessionalBody = (typeof PROFESSIONAL_BODIES)[number];

/**
 * Registration number shapes, so a slip is caught at setup rather than at the pharmacy:
 * GMC 7 digits; NMC PIN like 12A3456E; GPhC 7 digits; HCPC paramedic PA followed by digits.
 */
const REGISTRATION_PATTERNS: Record<ProfessionalBody, { pattern: RegExp; example: string }> = {
  GMC: { pattern: /^\d{7}$/, example: '7 numbers, like 1234567' },
  NMC: { pattern: /^\d{2}[A-Z]\d{4}[A-Z]$/, example: 'like 12A3456E' },
  GPhC: { pattern: /^\d{7}$/, example: '7 numbers, like 2012345' },
  HCPC: { pattern: /^PA\d{4,6}$/, example: 'like PA12345' },
};

/** The body a role registers with. */
export const BODY_FOR_ROLE: Partial<Record<StaffRole, ProfessionalBody>> = {
  gp: 'GMC',
  nurse: 'NMC',
  pharmacist: 'GPhC',
  paramedic: 'HCPC',
};

/** The kind of prescriber, worded as it must appear on a prescription (HMR 2012 reg. 217). */
export const PRESCRIBER_KINDS = [
  'Medical practitioner',
  'Nurse independent prescriber',
  'Community practitioner nurse prescriber',
  'Pharmacist independent prescriber',
  'Paramedic independent prescriber',
] as const;
export type PrescriberKind = (typeof PRESCRIBER_KINDS)[number];

const PRESCRIBER_KINDS_FOR_ROLE: Partial<Record<StaffRole, readonly PrescriberKind[]>> = {
  gp: ['Medical practitioner'],
  nurse: ['Nurse independent prescriber', 'Community practitioner nurse prescriber'],
  pharmacist: ['Pharmacist independent prescriber'],
  paramedic: ['Paramedic independent prescriber'],
};

export function prescriberKindsForRole(role: StaffRole): readonly PrescriberKind[] {
  return PRESCRIBER_KINDS_FOR_ROLE[role] ?? [];
}

/**
 * A staff member as typed into a form. Flat so that each error sits beside its own field.
 * A GP always prescribes; nurses, pharmacists and paramedics may; reception and admin never do.
 */
export const staffDetailsSchema = z
  .object({
    name: z.string().trim().min(1, 'Enter the full name, like Dr Asha Patel').max(120),
    role: z.enum(STAFF_ROLES, { message: 'Choose a role' }),
    canPrescribe: z.boolean().default(false),
    professionalBody: z.union([z.enum(PROFESSIONAL_BODIES), z.literal('')]).default(''),
    registrationNumber: z.string().trim().toUpperCase().max(20).default(''),
    prescriberKind: z.union([z.enum(PRESCRIBER_KINDS), z.literal('')]).default(''),
  })
  .superRefine((staff, ctx) => {
    const prescribes = staff.role === 'gp' || staff.canPrescribe;
    if (!prescribes) return;
    if (!CLINICAL_ROLES.includes(staff.role)) {
      ctx.addIssue({ code: 'custom', path: ['canPrescribe'], message: 'Only clinical staff can prescribe' });
      return;
    }
    const body = BODY_FOR_ROLE[staff.role];
    if (staff.professionalBody !== body) {
      ctx.addIssue({
        code: 'custom',
        path: ['professionalBody'],
        message: `${ROLE_PHRASES[staff.role]} who prescribes is registered with the ${body}`,
      });
    }
    if (staff.registrationNumber === '') {
      ctx.addIssue({
        code: 'custom',
        path: ['registrationNumber'],
        message: 'Enter the professional registration number: prescriptions need it',
      });
    } else if (body) {
      const { pattern, example } = REGISTRATION_PATTERNS[body];
      if (!pattern.test(staff.registrationNumber)) {
        ctx.addIssue({
          code: 'custom',
          path: ['registrationNumber'],
          message: `${body === 'GMC' || body === 'GPhC' ? 'A' : 'An'} ${body} number is ${example}`,
        });
      }
    }
    if (staff.prescriberKind === '' || !prescriberKindsForRole(staff.role).includes(staff.prescriberKind)) {
      ctx.addIssue({
        code: 'custom',
        path: ['prescriberKind'],
        message: 'Choose the kind of prescriber, as it must appear on a prescription',
      });
    }
  });
export type StaffDetails = z.infer<typeof staffDetailsSchema>;
export type StaffDetailsInput = z.input<typeof staffDetailsSchema>;

export const staffStatusSchema = z.enum(['active', 'removed']);
export const staffMemberSchema = recordSchema(staffStatusSchema, staffDetailsSchema);
export type StaffMember = z.infer<typeof staffMemberSchema>;

export function isPrescriber(details: StaffDetails): boolean {
  return details.role === 'gp' || details.canPrescribe;
}

/** How a staff member is shown in the header and on records: "Dr Asha Patel (GP)". */
export function staffDisplayName(details: Pick<StaffDetails, 'name' | 'role'>): string {
  return `${details.name} (${ROLE_LABELS[details.role]})`;
}

function normaliseName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en-GB');
}

/**
 * A duplicate user is the same name in the same role, or the same registration number.
 * Returns the field to show the message beside, or null when the candidate is new.
 */
export function findDuplicateStaff(
  existing: readonly Pick<StaffMember, 'id' | 'status' | 'data'>[],
  candidate: StaffDetails,
  ignoreId?: string,
): { field: 'name' | 'registrationNumber'; message: string } | null {
  for (const member of existing) {
    if (member.id === ignoreId || member.status !== 'active') continue;
    // A number is unique within its regulator only: a GMC and a GPhC number may coincide.
    if (
      candidate.registrationNumber !== '' &&
      member.data.registrationNumber === candidate.registrationNumber &&
      member.data.professionalBody === candidate.professionalBody
    ) {
      return {
        field: 'registrationNumber',
        message: `${member.data.name} already has registration number ${candidate.registrationNumber}`,
      };
    }
    if (normaliseName(member.data.name) === normaliseName(candidate.name) && member.data.role === candidate.role) {
      return { field: 'name', message: `${staffDisplayName(member.data)} is already set up on this device` };
    }
  }
  return null;
}
