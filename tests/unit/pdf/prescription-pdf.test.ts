// The prescription PDF, read back with pdf.js: the text a pharmacist (or a viewer's search) sees in
// both modes, the forms it splits into, and what it refuses to print. Field positions and the
// alignment offsets are in prescription-layout.test.ts.
import { describe, expect, it } from 'vitest';
import { MAX_ITEMS_PER_FORM_ENGLAND, splitIntoForms } from '../../../src/domain/prescribing/validity';
import { FP10SS_REGIONS, PLAIN_FORM_ORIGIN_MM, type MmBox } from '../../../src/pdf/fp10-layout';
import { RECORD_COPY_MARK } from '../../../src/pdf/prescription-content';
import { formsNeeded, ITEMS_PER_FORM, prescriptionPdfFileName, PrescriptionPrintRefused, type PrescriptionPrintMode } from '../../../src/pdf/prescription-pdf';
import { isWinAnsi } from '../../../src/pdf/win-ansi';
import { buildPatient } from './builders';
import { buildControlledItem, buildItem, buildPrescription, CD_AND_ORDINARY, CHILD, MORE_ITEMS, pdfFor } from './prescription-builders';
import { PT_PER_MM, readPdf, readPdfLayout, type PdfTextItem } from './read-pdf';

const MODES: readonly PrescriptionPrintMode[] = ['fp10ss', 'plain'];

function lineAfterJoining(lines: readonly string[]): string {
  return lines.join(' ');
}

describe.each(MODES)('buildPrescriptionPdf (%s): every required element, read back', (mode) => {
  it('prints the patient: name, address, postcode, date of birth, age when under 12, NHS number 3 3 4', async () => {
    const pdf = await readPdf(await pdfFor(mode, { patient: CHILD }));
    const lines = pdf.pages[0] ?? [];
    expect(lines).toContain('Amara Okoye');
    expect(lineAfterJoining(lines)).toContain('12 Mill Lane, Headingley, Leeds');
    expect(lines).toContain('LS6 2AB');
    expect(lines).toContain('01/03/2016');
    expect(lines).toContain('8 years');
    expect(lines).toContain('943 476 5919');
  });

  it('prints each item: medicine, strength, form, quantity, dose and days; a CD quantity in words and figures', async () => {
    const pdf = await readPdf(await pdfFor(mode));
    const text = lineAfterJoining(pdf.pages[0] ?? []);
    expect(text).toContain('Morphine sulfate 10 mg modified-release tablets');
    expect(text).toContain('Quantity: 56 (fifty-six) tablets');
    expect(text).toContain('One tablet twice a day, 12 hours apart');
    expect(text).toContain("28 days' treatment");
    expect(text).toContain('Amoxicillin 500 mg capsules');
    expect(text).toContain('Quantity: 21 capsules');
    expect(text).toContain('One capsule three times a day');
    expect(text).toContain("7 days' treatment");
    expect(text).not.toContain('(twenty-one)');
    // The form's days' treatment box: the items differ, so it points to them.
    expect(pdf.pages[0]).toContain('See items');
  });

  it('prints the prescriber (name, kind, registration), the practice address, phone and ODS code, and the date', async () => {
    const lines = (await readPdf(await pdfFor(mode))).pages[0] ?? [];
    for (const line of ['Dr Asha Patel', 'Medical practitioner', 'GMC 1234567', 'Riverside Surgery', '1 River Street, Leeds', 'LS1 4AP', 'Tel 01632 960 001', 'ODS A81001', '19/07/2024']) {
      expect(lines, line).toContain(line);
    }
  });

  it('leaves out the age from 12, prints a baby in months, and a liquid CD as total mL in words and figures', async () => {
    const adult = await readPdf(await pdfFor(mode));
    expect(adult.pages[0]?.filter((line) => /^\d+ (years?|months?|days?)$/.test(line))).toEqual([]);
    const baby = await readPdf(await pdfFor(mode, { patient: buildPatient({ dateOfBirth: '2024-01-10' }) }));
    expect(baby.pages[0]).toContain('6 months');
    const oxycodone = buildControlledItem({
      medicineName: 'Oxycodone',
      strength: '5 mg/5 mL',
      form: 'oral solution',
      dose: '5 mL every 4 to 6 hours when required, no more than 30 mL in 24 hours',
      quantity: 300,
      quantityUnit: 'mL',
      daysTreatment: 10,
      quantityInWords: 'three hundred',
    });
    const liquid = await readPdf(await pdfFor(mode, {}, buildPrescription([oxycodone])));
    expect(lineAfterJoining(liquid.pages[0] ?? [])).toContain('Quantity: 300 mL (three hundred millilitres)');
    // One item, so the form's days' treatment box gives its number.
    expect(liquid.pages[0]).toContain('10');
  });

  it('writes words only where the law asks (Schedule 2 and 3), as the prescriber confirmed them', async () => {
    const tramadol = buildControlledItem({ medicineName: 'Tramadol', strength: '50 mg', form: 'capsules', controlledDrugSchedule: '3', quantityUnit: 'capsule', quantityInWords: 'Fifty six', daysTreatment: 7 });
    const diazepam = buildItem({ medicineName: 'Diazepam', strength: '2 mg', form: 'tablets', dose: 'One tablet three times a day', quantity: 15, quantityUnit: 'tablet', daysTreatment: 5, controlledDrugSchedule: '4' });
    const text = lineAfterJoining((await readPdf(await pdfFor(mode, {}, buildPrescription([tramadol, diazepam])))).pages[0] ?? []);
    expect(text).toContain('Quantity: 56 (Fifty six) capsules');
    expect(text).toContain('Quantity: 15 tablets');
    expect(text).not.toContain('fifteen');
  });

  it('puts the number in the days\' treatment box when every item on the form agrees', async () => {
    const lines = (await readPdf(await pdfFor(mode, {}, buildPrescription([buildItem(), buildItem({ medicineName: 'Metronidazole', strength: '400 mg', form: 'tablets', quantityUnit: 'tablet' })])))).pages[0] ?? [];
    expect(lines).toContain('7');
    expect(lines).not.toContain('See items');
  });

  it('ends the items with "No more items on this form" and gives the file and the PDF title no identifying text', async () => {
    const blob = await pdfFor(mode);
    const pdf = await readPdf(blob);
    expect(pdf.pages[0]).toContain('No more items on this form');
    expect(pdf.title).toBe('Lifeboat prescription b0b0cafe');
    expect(prescriptionPdfFileName(CD_AND_ORDINARY)).toBe('lifeboat-prescription-b0b0cafe.pdf');
    expect(blob.type).toBe('application/pdf');
  });

  it('gives the same bytes for the same input', async () => {
    const [a, b] = await Promise.all([pdfFor(mode), pdfFor(mode)]);
    expect(new Uint8Array(await a.arrayBuffer())).toEqual(new Uint8Array(await b.arrayBuffer()));
  });
});

/** The text items whose baseline starts inside a box of the sheet placed at `origin` (mm). */
function itemsInside(items: readonly PdfTextItem[], box: MmBox, origin: { x: number; y: number }, pageHeight: number): PdfTextItem[] {
  return items.filter((item) => {
    const x = item.x / PT_PER_MM - origin.x;
    const y = (pageHeight - item.y) / PT_PER_MM - origin.y;
    return x >= box.x && x <= box.x + box.width && y >= box.y && y <= box.y + box.height;
  });
}

describe('buildPrescriptionPdf: the two modes', () => {
  it('plain: the whole form with its captions, and "Record copy: not valid for dispensing" three times on every page', async () => {
    const pdf = await readPdf(await pdfFor('plain', {}, buildPrescription([buildControlledItem(), buildItem(), ...MORE_ITEMS])));
    expect(pdf.pages).toHaveLength(2);
    for (const lines of pdf.pages) {
      expect(lines.filter((line) => line === RECORD_COPY_MARK)).toHaveLength(3);
      for (const caption of ['Pharmacy stamp', 'Title, forename, surname & address', 'Signature of prescriber', 'Endorsements', 'Prescription']) {
        expect(lines).toContain(caption);
      }
    }
    expect(RECORD_COPY_MARK).toBe('Record copy: not valid for dispensing');
  });

  it('fp10ss: only the fields print, with no record-copy mark and none of the captions the form already has', async () => {
    const pdf = await readPdf(await pdfFor('fp10ss', {}, buildPrescription([buildControlledItem(), buildItem(), ...MORE_ITEMS])));
    expect(pdf.text).not.toMatch(/record copy|not valid for dispensing/i);
    for (const caption of ['Pharmacy stamp', 'Endorsements', 'Signature of prescriber', 'Prescription', 'Age', 'Date']) {
      expect(pdf.text.split('\n')).not.toContain(caption);
    }
  });

  it('leaves the signature box empty in both modes: the signature is always ink', async () => {
    for (const mode of MODES) {
      const [page] = await readPdfLayout(await pdfFor(mode));
      const origin = mode === 'plain' ? PLAIN_FORM_ORIGIN_MM : { x: 0, y: 0 };
      const inside = itemsInside(page?.items ?? [], FP10SS_REGIONS.signature, origin, page?.height ?? 0).map((item) => item.str);
      expect(inside, mode).toEqual(mode === 'plain' ? ['Signature of prescriber'] : []);
    }
  });

  it('plain: ignores the alignment offsets, which belong to stationery', async () => {
    const still = await pdfFor('plain');
    const offset = await pdfFor('plain', { calibration: { offsetXmm: 3, offsetYmm: -2 } });
    expect(new Uint8Array(await offset.arrayBuffer())).toEqual(new Uint8Array(await still.arrayBuffer()));
  });
});

describe('buildPrescriptionPdf: more items than one form holds', () => {
  it('holds four items on a form, as in England, and agrees with the domain split', () => {
    expect(ITEMS_PER_FORM).toBe(4);
    expect(ITEMS_PER_FORM).toBe(MAX_ITEMS_PER_FORM_ENGLAND);
    expect([0, 1, 4, 5, 8, 9, 12].map(formsNeeded)).toEqual([0, 1, 1, 2, 2, 3, 3]);
    for (let n = 1; n <= 12; n += 1) expect(formsNeeded(n)).toBe(splitIntoForms(Array.from({ length: n })).length);
    expect(() => formsNeeded(-1)).toThrow(RangeError);
    expect(() => formsNeeded(2.5)).toThrow(RangeError);
  });

  it.each(MODES)('%s: six items make two forms, each complete with the patient, prescriber, date and "Form N of 2"', async (mode) => {
    const items = [buildControlledItem(), buildItem(), ...MORE_ITEMS.slice(0, 4)];
    const pdf = await readPdf(await pdfFor(mode, {}, buildPrescription(items)));
    expect(pdf.pages).toHaveLength(formsNeeded(6));
    pdf.pages.forEach((lines, index) => {
      for (const line of ['Zoë O’Brien-Smith', '12 Mill Lane, Headingley, Leeds', '943 476 5919', '19/07/1984', 'Dr Asha Patel', 'Medical practitioner', 'GMC 1234567', '1 River Street, Leeds', '19/07/2024', 'No more items on this form']) {
        expect(lines, `form ${index + 1}: ${line}`).toContain(line);
      }
      expect(lines).toContain(`Form ${index + 1} of 2`);
    });
    const titles = (page: number) => (pdf.pages[page] ?? []).filter((line) => items.some((item) => line.startsWith(item.medicineName)));
    expect(titles(0).map((line) => line.split(' ')[0])).toEqual(['Morphine', 'Amoxicillin', 'Paracetamol', 'Salbutamol']);
    expect(titles(1).map((line) => line.split(' ')[0])).toEqual(['Omeprazole', 'Sertraline']);
  });

  it('prints no form number on a prescription of one form', async () => {
    const pdf = await readPdf(await pdfFor('fp10ss'));
    expect(pdf.pages).toHaveLength(1);
    expect(pdf.text).not.toMatch(/Form \d+ of \d+/);
  });
});

describe('buildPrescriptionPdf: special characters', () => {
  const patient = buildPatient({ firstName: 'Łukasz', lastName: 'Nguyễn', address: 'Flat 2, 14–16 Rue d’Été\nHarehills, Leeds', postcode: 'LS8 5AB' });
  const item = buildItem({ medicineName: 'Colecalciferol', strength: '25 µg', form: 'capsules', dose: '½ capsule at night; ≤ 2 in 24 hours', quantity: 30, daysTreatment: 30 });

  it.each(MODES)('%s: prints what Helvetica can, transliterates the rest, and never garbles a glyph', async (mode) => {
    const pdf = await readPdf(await pdfFor(mode, { patient }, buildPrescription([item])));
    const lines = pdf.pages[0] ?? [];
    expect(lines).toContain('Lukasz Nguyên');
    expect(lineAfterJoining(lines)).toContain('Flat 2, 14–16 Rue d’Été');
    expect(lines).toContain('Harehills, Leeds');
    expect(lines).toContain('Colecalciferol 25 µg capsules');
    expect(lines).toContain('½ capsule at night; <= 2 in 24 hours');
    expect([...pdf.text].filter((char) => char !== '\n' && !isWinAnsi(char))).toEqual([]);
    if (mode === 'plain') expect(lineAfterJoining(lines)).toContain('shown transliterated');
  });
});

describe('buildPrescriptionPdf: what it refuses to print', () => {
  const cancelled = buildPrescription([buildControlledItem()], {
    status: 'cancelled',
    data: { ...CD_AND_ORDINARY.data, cancellationReason: 'Wrong dose', cancelledAt: '2024-07-19T10:00:00+01:00' },
  });

  it.each(MODES)('%s: refuses a cancelled prescription, saying why', async (mode) => {
    const attempt = pdfFor(mode, {}, cancelled);
    await expect(attempt).rejects.toBeInstanceOf(PrescriptionPrintRefused);
    await expect(attempt).rejects.toThrow(/cancelled \(Wrong dose\), so it cannot be printed/);
    await expect(attempt).rejects.toMatchObject({ reason: 'cancelled' });
  });

  it('fp10ss: refuses a prescription that fails the legal checks; the record copy still prints', async () => {
    const noWords = buildPrescription([buildControlledItem({ quantityInWords: '' })]);
    await expect(pdfFor('fp10ss', {}, noWords)).rejects.toMatchObject({ reason: 'checks-failed', message: expect.stringContaining('quantity in words') });
    const copy = await readPdf(await pdfFor('plain', {}, noWords));
    expect(copy.pages[0]).toContain('Quantity: 56 (fifty-six) tablets');
  });

  it('fp10ss: refuses offsets that are not millimetres a printer drifts by', async () => {
    for (const calibration of [{ offsetXmm: Number.NaN, offsetYmm: 0 }, { offsetXmm: 0, offsetYmm: 40 }]) {
      await expect(pdfFor('fp10ss', { calibration })).rejects.toMatchObject({ reason: 'bad-calibration' });
    }
  });

  it('refuses items too long for the form rather than cutting a dose short', async () => {
    const long = buildItem({ dose: `${'Apply a thin layer to the affected area of skin, avoiding the eyes, '.repeat(7)}then wash hands.`.slice(0, 500) });
    const attempt = pdfFor('fp10ss', {}, buildPrescription([long, long, long, long]));
    await expect(attempt).rejects.toMatchObject({ reason: 'does-not-fit', message: expect.stringContaining('shorten the dose directions') });
  });
});

