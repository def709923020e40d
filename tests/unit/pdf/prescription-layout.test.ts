// Where the FP10SS fields land, read back with pdf.js from each run of text's transform (points
// from the page's bottom-left corner), against the one table of positions in fp10-layout.ts; and
// proof that the alignment offsets move every field, and the test print's marks, by exactly them.
import { describe, expect, it } from 'vitest';
import { anchorX, firstBaseline, FP10SS_FIELDS, type Fp10Field } from '../../../src/pdf/fp10-layout';
import { buildCalibrationTestPdf } from '../../../src/pdf/prescription-pdf';
import { buildControlledItem, buildItem, buildPrescription, CHILD, MORE_ITEMS, pdfFor } from './prescription-builders';
import { PT_PER_MM, readPdf, readPdfLayout, type PdfTextItem } from './read-pdf';

/** The field positions as first set, in mm: a change to FP10SS_FIELDS must change this on purpose. */
const GOLDEN_ANCHORS_MM: Record<keyof typeof FP10SS_FIELDS, { x: number; baseline: number }> = {
  age: { x: 43.5, baseline: 10.5 },
  dateOfBirth: { x: 43.5, baseline: 23 },
  patientName: { x: 56, baseline: 9.5 },
  patientAddress: { x: 56, baseline: 17 },
  patientPostcode: { x: 56, baseline: 31 },
  nhsNumber: { x: 100, baseline: 31 },
  daysTreatment: { x: 93.5, baseline: 42.5 },
  items: { x: 36, baseline: 51 },
  formCounter: { x: 100, baseline: 124 },
  date: { x: 89.5, baseline: 135 },
  prescriber: { x: 21, baseline: 147 },
  prescriberCodes: { x: 77.5, baseline: 147 },
};

/** The first line each field prints for a child with six items (two forms), on form 1. */
const FIRST_LINES: Record<keyof typeof FP10SS_FIELDS, string> = {
  age: '8 years',
  dateOfBirth: '01/03/2016',
  patientName: 'Amara Okoye',
  patientAddress: '12 Mill Lane, Headingley, Leeds',
  patientPostcode: 'LS6 2AB',
  nhsNumber: '943 476 5919',
  daysTreatment: 'See items',
  items: 'Morphine sulfate 10 mg modified-release',
  formCounter: 'Form 1 of 2',
  date: '19/07/2024',
  prescriber: 'Dr Asha Patel',
  prescriberCodes: 'GMC 1234567',
};

/** Where pdf.js finds the anchor of a run of text: its start, centre or end, as the field aligns it. */
function anchorOf(item: PdfTextItem, field: Fp10Field): number {
  if (field.align === 'center') return item.x + item.width / 2;
  return field.align === 'right' ? item.x + item.width : item.x;
}

/**
 * How far across pdf.js may find a field's anchor from the table: 0.05 pt for text that starts
 * at it. A centred or right-aligned run is placed with jsPDF's Helvetica widths, which are rounded
 * (550 for the AFM's 556) while pdf.js measures with the AFM, so it may sit 1% of its width off.
 */
function toleranceAcross(item: PdfTextItem, field: Fp10Field): number {
  return field.align === 'left' ? 0.05 : 0.05 + item.width * 0.01;
}

function findItem(items: readonly PdfTextItem[], str: string): PdfTextItem {
  const found = items.find((item) => item.str === str);
  if (!found) throw new Error(`"${str}" is not on the page: ${items.map((item) => item.str).join(' | ')}`);
  return found;
}

describe('buildPrescriptionPdf (fp10ss): golden field positions and the alignment offsets', () => {
  const sixItems = buildPrescription([buildControlledItem(), buildItem(), ...MORE_ITEMS.slice(0, 4)]);
  const layoutWith = async (offsetXmm: number, offsetYmm: number) =>
    readPdfLayout(await pdfFor('fp10ss', { patient: CHILD, calibration: { offsetXmm, offsetYmm } }, sixItems));

  it('keeps the field table as first set (mm from the sheet top-left)', () => {
    for (const [key, field] of Object.entries(FP10SS_FIELDS) as [keyof typeof FP10SS_FIELDS, Fp10Field][]) {
      expect({ x: anchorX(field), baseline: firstBaseline(field) }, key).toEqual(GOLDEN_ANCHORS_MM[key]);
    }
  });

  it('prints every field at its constant position, in points: its baseline to within 0.05 pt', async () => {
    const [page] = await layoutWith(0, 0);
    expect(page?.width).toBeCloseTo(595.28, 2);
    expect(page?.height).toBeCloseTo(841.89, 2);
    for (const [key, field] of Object.entries(FP10SS_FIELDS) as [keyof typeof FP10SS_FIELDS, Fp10Field][]) {
      const item = findItem(page?.items ?? [], FIRST_LINES[key]);
      expect(Math.abs(anchorOf(item, field) - anchorX(field) * PT_PER_MM), `${key} x`).toBeLessThan(toleranceAcross(item, field));
      expect(Math.abs(item.y - ((page?.height ?? 0) - firstBaseline(field) * PT_PER_MM)), `${key} y`).toBeLessThan(0.05);
      expect(item.angle).toBe(0);
    }
  });

  it.each([
    [3, -2],
    [-1.5, 2.5],
    [0.3, 0],
  ])('moves every piece of text by exactly the offsets (%s mm across, %s mm down)', async (dx, dy) => {
    const still = await layoutWith(0, 0);
    const moved = await layoutWith(dx, dy);
    expect(moved).toHaveLength(2);
    moved.forEach((page, index) => {
      const before = still[index]?.items ?? [];
      expect(page.items.map((item) => item.str)).toEqual(before.map((item) => item.str));
      page.items.forEach((item, i) => {
        const origin = before[i];
        expect(item.x - (origin?.x ?? 0), item.str).toBeCloseTo(dx * PT_PER_MM, 2);
        // PDF y grows upwards; the offset's y grows down the sheet.
        expect(item.y - (origin?.y ?? 0), item.str).toBeCloseTo(-dy * PT_PER_MM, 2);
      });
    });
  });
});

describe('buildCalibrationTestPdf', () => {
  it('draws every field labelled at the position it prints, offsets included, with instructions and a 100 mm bar', async () => {
    const calibration = { offsetXmm: 3, offsetYmm: -2 };
    const blob = await buildCalibrationTestPdf(calibration);
    const [page] = await readPdfLayout(blob);
    const items = page?.items ?? [];
    for (const field of Object.values(FP10SS_FIELDS)) {
      const label = findItem(items, field.label);
      expect(Math.abs(anchorOf(label, field) - (anchorX(field) + calibration.offsetXmm) * PT_PER_MM), field.label).toBeLessThan(toleranceAcross(label, field));
      expect(Math.abs(label.y - ((page?.height ?? 0) - (field.y - 0.6 + calibration.offsetYmm) * PT_PER_MM)), field.label).toBeLessThan(0.05);
    }
    const text = (await readPdf(blob)).text;
    expect(text).toContain('FP10SS alignment test');
    expect(text).toContain('Horizontal offset +3.0 mm, vertical offset -2.0 mm');
    expect(text).toContain('actual size (100%)');
    expect(text).toContain('Signature: leave empty, sign in ink');
    expect(text).toContain('100 mm at actual size');
  });

  it('moves its marks by exactly the offsets, and refuses offsets that cannot be right', async () => {
    const [still] = await readPdfLayout(await buildCalibrationTestPdf({ offsetXmm: 0, offsetYmm: 0 }));
    const [moved] = await readPdfLayout(await buildCalibrationTestPdf({ offsetXmm: -2, offsetYmm: 1.5 }));
    for (const field of Object.values(FP10SS_FIELDS)) {
      const a = findItem(still?.items ?? [], field.label);
      const b = findItem(moved?.items ?? [], field.label);
      expect(b.x - a.x).toBeCloseTo(-2 * PT_PER_MM, 2);
      expect(b.y - a.y).toBeCloseTo(-1.5 * PT_PER_MM, 2);
    }
    await expect(buildCalibrationTestPdf({ offsetXmm: Number.POSITIVE_INFINITY, offsetYmm: 0 })).rejects.toThrow(/alignment offset/);
  });
});
