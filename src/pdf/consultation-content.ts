import {
  CONSULTATION_TEXT_HEADINGS,
  CONSULTATION_TYPE_LABELS,
  SECTIONS_AFTER_MEDICINES,
  SECTIONS_BEFORE_OBSERVATIONS,
  type Consultation,
  type ConsultationData,
  type ConsultationTextSection,
} from '../domain/consultation';
import { formatNhsNumber, NHS_NUMBER_NOT_TRACED_NOTE } from '../domain/nhs-number';
import { ageInYears, formatIsoDateUk, londonDate, patientFullName, SEX_LABELS, type Patient } from '../domain/patient';
import type { Practice } from '../domain/practice';
import { staffDisplayName, type StaffMember } from '../domain/staff';
import { formatUkDateTime } from '../domain/time';
import { observationBlocks } from './observations-content';
import type { PdfBlock, PdfDocumentContent, PdfNote } from './pdf-content';
import { toWinAnsi } from './win-ansi';

/**
 * What a printed consultation says (issue 4, item 6): the practice, the patient, the clinician,
 * both times (brief, "Dates and times"), every section with its heading even when empty, the
 * observations, the signature or the plain fact that it is a draft or discarded, the addenda in
 * order under the original, and the record id. Plain domain data in, blocks out.
 */

/** Everything a consultation PDF is built from: plain domain data, looked up by the caller. */
export interface ConsultationPdfInput {
  consultation: Consultation;
  patient: Patient;
  practice: Practice;
  /** The clinician who wrote the record (`consultation.authorId`); null when not on this device. */
  author: StaffMember | null;
  /** Who signed it (`data.signature.staffId`); null for a draft or when not on this device. */
  signer: StaffMember | null;
  /** The authors of the addenda, by staff id. */
  addendumAuthors: Record<string, StaffMember>;
  /** Who discarded a discarded draft (`data.discard.staffId`), when known. */
  discardedBy?: StaffMember | null;
  /** The device's label ("Reception iPad"), printed in the footer. */
  deviceLabel?: string;
  printedAt: Date;
}

/** The clinical sections in the order of the form; observations, allergies and medicines are special. */
export const CONSULTATION_SECTION_HEADINGS: readonly string[] = [
  ...SECTIONS_BEFORE_OBSERVATIONS.map((field) => CONSULTATION_TEXT_HEADINGS[field]),
  'Observations',
  'Allergies',
  'Current medicines',
  ...SECTIONS_AFTER_MEDICINES.map((field) => CONSULTATION_TEXT_HEADINGS[field]),
];

export const OUTAGE_STATEMENT = 'Recorded in Lifeboat during a clinical system outage';
export const DRAFT_MARK = 'DRAFT – NOT SIGNED';
export const DISCARDED_MARK = 'DISCARDED';
export const NOT_RECORDED = 'Not recorded';

/** Heading → field, for the free-text sections. */
const TEXT_SECTIONS = new Map<string, ConsultationTextSection>(Object.entries(CONSULTATION_TEXT_HEADINGS).map(([field, heading]) => [heading, field as ConsultationTextSection]));

function dateTime(iso: string): string {
  const instant = new Date(iso);
  return Number.isNaN(instant.getTime()) ? iso : formatUkDateTime(instant);
}

function orNotRecorded(value: string): string {
  return value.trim() === '' ? NOT_RECORDED : value.trim();
}

function registration(member: StaffMember): string | null {
  const { professionalBody, registrationNumber } = member.data;
  if (registrationNumber === '') return null;
  return professionalBody === '' ? registrationNumber : `${professionalBody} ${registrationNumber}`;
}

/** "Dr Asha Patel (GP), GMC 1234567", or a plain statement when the staff record is not on the device. */
export function staffLine(member: StaffMember | null | undefined, staffId: string): string {
  if (!member) return `Staff member not on this device (id ${staffId})`;
  const reg = registration(member);
  return reg === null ? staffDisplayName(member.data) : `${staffDisplayName(member.data)}, ${reg}`;
}

/** Whole calendar months from a `YYYY-MM-DD` birth date to another such date. */
function monthsBetween(born: string, on: string): number {
  const [by = 0, bm = 0, bd = 0] = born.split('-').map(Number);
  const [ty = 0, tm = 0, td = 0] = on.split('-').map(Number);
  return (ty - by) * 12 + (tm - bm) - (td < bd ? 1 : 0);
}

/** "19/07/1984 (age 40)" at the time of care; a baby's age in months. */
function dateOfBirthText(patient: Patient, at: string): string {
  const { dateOfBirth } = patient.data;
  const born = formatIsoDateUk(dateOfBirth);
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) return born;
  try {
    const years = ageInYears(dateOfBirth, instant);
    if (years >= 1) return `${born} (age ${years})`;
    const months = monthsBetween(dateOfBirth, londonDate(instant));
    if (months < 0) return born;
    return `${born} (age ${months === 0 ? 'under 1 month' : months === 1 ? '1 month' : `${months} months`})`;
  } catch {
    return born;
  }
}

function letterhead(practice: Practice): PdfDocumentContent['letterhead'] {
  const { name, address, postcode, odsCode, phone } = practice.data;
  const lines = [...address.split('\n').map((line) => line.trim()), postcode].filter((line) => line !== '');
  const contact = [phone === '' ? null : `Phone ${phone}`, odsCode === '' ? null : `ODS code ${odsCode}`].filter((part) => part !== null);
  if (contact.length > 0) lines.push(contact.join('   ·   '));
  return { name, lines };
}

function patientBlocks(patient: Patient, happenedAt: string): PdfBlock[] {
  const p = patient.data;
  const name = patientFullName(p);
  const identityAltered = [name, p.address].some((text) => toWinAnsi(text).altered);
  const nameNotes: PdfNote[] = identityAltered
    ? [{ text: 'Some letters cannot be printed in this PDF and are shown transliterated: the record on the device keeps the exact spelling.', tone: 'alert' }]
    : [];
  return [
    { kind: 'heading', text: 'Patient' },
    { kind: 'field', label: 'Name', value: name, tone: 'strong', notes: nameNotes },
    { kind: 'field', label: 'Date of birth', value: dateOfBirthText(patient, happenedAt) },
    { kind: 'field', label: 'Sex', value: SEX_LABELS[p.sex] },
    p.nhsNumber === ''
      ? { kind: 'field', label: 'NHS number', value: NOT_RECORDED }
      : { kind: 'field', label: 'NHS number', value: formatNhsNumber(p.nhsNumber), notes: [{ text: NHS_NUMBER_NOT_TRACED_NOTE, tone: 'muted' }] },
    { kind: 'field', label: 'Address', value: orNotRecorded(p.address) },
    { kind: 'field', label: 'Postcode', value: orNotRecorded(p.postcode) },
    { kind: 'field', label: 'Phone', value: orNotRecorded(p.phone) },
  ];
}

function statusText(consultation: Consultation): string {
  if (consultation.status === 'signed') return 'Signed';
  return consultation.status === 'draft' ? 'Draft – not signed' : 'Discarded';
}

function consultationBlocks(input: ConsultationPdfInput): PdfBlock[] {
  const { consultation, author } = input;
  const reg = author ? registration(author) : null;
  return [
    { kind: 'heading', text: 'Consultation' },
    { kind: 'field', label: 'Clinician', value: author ? staffDisplayName(author.data) : staffLine(null, consultation.authorId) },
    { kind: 'field', label: 'Registration', value: reg ?? NOT_RECORDED },
    { kind: 'field', label: 'Type', value: CONSULTATION_TYPE_LABELS[consultation.data.type] },
    { kind: 'field', label: 'Care given', value: dateTime(consultation.data.happenedAt) },
    { kind: 'field', label: 'Written', value: dateTime(consultation.data.recordedAt) },
    { kind: 'field', label: 'Status', value: statusText(consultation), tone: consultation.status === 'signed' ? 'normal' : 'alert' },
    { kind: 'field', label: 'Record id', value: consultation.id },
  ];
}

function knownOrNot(text: string, notKnown: boolean, what: string): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  if (notKnown) blocks.push({ kind: 'text', text: `Not known: ${what} could not be confirmed during the outage`, tone: 'strong' });
  if (text.trim() !== '' || !notKnown) blocks.push({ kind: 'text', text: orNotRecorded(text), tone: text.trim() === '' ? 'muted' : 'normal' });
  return blocks;
}

function sectionBlocks(data: ConsultationData): PdfBlock[] {
  const blocks: PdfBlock[] = [];
  for (const heading of CONSULTATION_SECTION_HEADINGS) {
    blocks.push({ kind: 'heading', text: heading });
    const field = TEXT_SECTIONS.get(heading);
    if (field !== undefined) {
      const text = data[field];
      blocks.push({ kind: 'text', text: orNotRecorded(text), tone: text.trim() === '' ? 'muted' : 'normal' });
    } else if (heading === 'Observations') {
      blocks.push(...observationBlocks(data.observations));
    } else if (heading === 'Allergies') {
      blocks.push(...knownOrNot(data.allergies, data.allergiesNotKnown, 'allergies'));
    } else {
      blocks.push(...knownOrNot(data.currentMedicines, data.currentMedicinesNotKnown, 'current medicines'));
    }
  }
  return blocks;
}

function banner(input: ConsultationPdfInput): PdfBlock {
  const { consultation } = input;
  const { signature, discard, addenda } = consultation.data;
  if (consultation.status === 'signed' && signature) {
    const lines = [`Signed by ${staffLine(input.signer, signature.staffId)} on ${dateTime(signature.at)}`];
    if (addenda.length > 0) lines.push(`${addenda.length} ${addenda.length === 1 ? 'addendum' : 'addenda'} added after signing: see the end of the record`);
    return { kind: 'banner', title: 'Signed', lines, tone: 'signed' };
  }
  if (consultation.status === 'discarded' && discard) {
    return {
      kind: 'banner',
      title: `${DISCARDED_MARK}: NOT PART OF THE CLINICAL RECORD`,
      lines: [
        `Discarded by ${staffLine(discardedBy(input, discard.staffId), discard.staffId)} on ${dateTime(discard.at)}`,
        `Reason: ${discard.reason}`,
        'Kept for the audit trail only.',
      ],
      tone: 'discarded',
    };
  }
  return {
    kind: 'banner',
    title: DRAFT_MARK,
    lines: ['This record has not been signed by the clinician. It may be incomplete and is not the final record.'],
    tone: 'draft',
  };
}

function discardedBy(input: ConsultationPdfInput, staffId: string): StaffMember | null {
  const candidates = [input.discardedBy, input.author, input.signer, input.addendumAuthors[staffId]];
  return candidates.find((member) => member?.id === staffId) ?? null;
}

function signatureBlocks(input: ConsultationPdfInput): PdfBlock[] {
  const { signature, discard } = input.consultation.data;
  const blocks: PdfBlock[] = [{ kind: 'heading', text: 'Signature' }];
  if (input.consultation.status === 'signed' && signature) {
    blocks.push(
      { kind: 'field', label: 'Signed by', value: staffLine(input.signer, signature.staffId) },
      { kind: 'field', label: 'Signed at', value: dateTime(signature.at) },
    );
  } else if (input.consultation.status === 'discarded' && discard) {
    blocks.push(
      { kind: 'text', text: `${DISCARDED_MARK}: this draft was never signed`, tone: 'alert' },
      { kind: 'field', label: 'Discarded by', value: staffLine(discardedBy(input, discard.staffId), discard.staffId) },
      { kind: 'field', label: 'Discarded at', value: dateTime(discard.at) },
      { kind: 'field', label: 'Reason', value: discard.reason },
    );
  } else {
    blocks.push({ kind: 'text', text: `${DRAFT_MARK}: this record has not been signed`, tone: 'alert' });
  }
  return blocks;
}

function addendumBlocks(input: ConsultationPdfInput): PdfBlock[] {
  if (input.consultation.status !== 'signed') return [];
  const { addenda } = input.consultation.data;
  const blocks: PdfBlock[] = [{ kind: 'heading', text: 'Addenda' }];
  if (addenda.length === 0) return [...blocks, { kind: 'text', text: 'None', tone: 'muted' }];
  blocks.push({ kind: 'text', text: 'Added after signing, oldest first. The signed record above is unchanged.', tone: 'muted' });
  addenda.forEach((addendum, index) => {
    blocks.push(
      { kind: 'subheading', text: `Addendum ${index + 1} of ${addenda.length}` },
      { kind: 'field', label: 'Added by', value: staffLine(input.addendumAuthors[addendum.authorId], addendum.authorId) },
      { kind: 'field', label: 'Added at', value: dateTime(addendum.at) },
      { kind: 'field', label: 'Reason', value: addendum.reason },
      { kind: 'text', text: addendum.text },
    );
  });
  return blocks;
}

/** The printed content of one consultation. */
export function consultationPdfContent(input: ConsultationPdfInput): PdfDocumentContent {
  const { consultation, patient } = input;
  const p = patient.data;
  const nhs = p.nhsNumber === '' ? 'NHS number not recorded' : `NHS ${formatNhsNumber(p.nhsNumber)}`;
  const printed = `Printed ${formatUkDateTime(input.printedAt)}${input.deviceLabel ? ` on ${input.deviceLabel}` : ''}`;
  return {
    title: `Lifeboat consultation record ${consultation.id.slice(0, 8)}`,
    letterhead: letterhead(input.practice),
    heading: 'Consultation record',
    blocks: [
      banner(input),
      ...patientBlocks(patient, consultation.data.happenedAt),
      ...consultationBlocks(input),
      ...sectionBlocks(consultation.data),
      ...signatureBlocks(input),
      ...addendumBlocks(input),
      { kind: 'text', text: `End of record ${consultation.id}`, tone: 'muted' },
    ],
    runningHeader: `${patientFullName(p)}   ·   born ${formatIsoDateUk(p.dateOfBirth)}   ·   ${nhs}   ·   consultation ${dateTime(consultation.data.happenedAt)}`,
    statusMark: consultation.status === 'draft' ? DRAFT_MARK : consultation.status === 'discarded' ? DISCARDED_MARK : null,
    footer: { statement: OUTAGE_STATEMENT, detail: `Record id ${consultation.id}`, printed },
  };
}
