// The consultation PDF, read back as text with pdf.js: what a search or a copy in a PDF viewer sees.
import { beforeAll, describe, expect, it } from 'vitest';
import { buildConsultationPdf, consultationPdfFileName } from '../../../src/pdf/consultation-pdf';
import { CONSULTATION_SECTION_HEADINGS, OUTAGE_STATEMENT } from '../../../src/pdf/consultation-content';
import { isWinAnsi } from '../../../src/pdf/win-ansi';
import {
  ADDENDA,
  buildDiscarded,
  buildDraft,
  buildPatient,
  buildPdfInput,
  buildSigned,
  buildUnsignedDraft,
  IDS,
  SIGNED_CONTENT,
  withData,
} from './builders';
import { readPdf, type PdfText } from './read-pdf';

/** Asserts that the texts appear in this order, each found after the one before. */
function expectInOrder(pdf: PdfText, texts: readonly string[]): void {
  let from = 0;
  for (const text of texts) {
    const at = pdf.text.indexOf(text, from);
    expect(at, `"${text}" after position ${from}`).toBeGreaterThanOrEqual(0);
    from = at + text.length;
  }
}

/** The whole text with wrapped lines joined again by spaces (lines break at spaces). */
function unwrapped(pdf: PdfText): string {
  return pdf.text.replace(/\n/g, ' ');
}

/** The line that follows a label (labels and values are drawn as separate runs of text). */
function valueAfter(pdf: PdfText, label: string): string | undefined {
  const lines = pdf.pages.flat();
  return lines[lines.indexOf(label) + 1];
}

describe('buildConsultationPdf: a signed consultation with observations and two addenda', () => {
  let blob: Blob;
  let pdf: PdfText;
  beforeAll(async () => {
    blob = await buildConsultationPdf(buildPdfInput(buildSigned()));
    pdf = await readPdf(blob);
  });

  it('is an A4 PDF blob', async () => {
    expect(blob.type).toBe('application/pdf');
    const head = new TextDecoder().decode(new Uint8Array(await blob.arrayBuffer()).slice(0, 5));
    expect(head).toBe('%PDF-');
  });

  it('names the practice at the top', () => {
    expect(pdf.pages[0]?.slice(0, 4)).toEqual(['Riverside Surgery', '1 River Street, Leeds', 'LS1 4AP', expect.stringContaining('01632 960 001')]);
    expect(pdf.text).toContain('ODS code A81001');
    expect(pdf.text).toContain('Consultation record');
  });

  it('identifies the patient: name, date of birth with age, sex, NHS number 3 3 4, address, postcode, phone', () => {
    expect(valueAfter(pdf, 'Name')).toBe('Zoë O’Brien-Smith');
    expect(valueAfter(pdf, 'Date of birth')).toBe('19/07/1984 (age 40)');
    expect(valueAfter(pdf, 'Sex')).toBe('Female');
    expect(valueAfter(pdf, 'NHS number')).toBe('943 476 5919');
    expect(pdf.text).toContain('not traced against the national register');
    expect(valueAfter(pdf, 'Address')).toBe('12 Mill Lane, Headingley, Leeds');
    expect(valueAfter(pdf, 'Postcode')).toBe('LS6 2AB');
    expect(valueAfter(pdf, 'Phone')).toBe('07700 900123');
  });

  it('gives the clinician, both times, the type and the record id', () => {
    expect(valueAfter(pdf, 'Clinician')).toBe('Dr Asha Patel (GP)');
    expect(valueAfter(pdf, 'Registration')).toBe('GMC 1234567');
    expect(valueAfter(pdf, 'Care given')).toBe('19/07/2024 08:40');
    expect(valueAfter(pdf, 'Written')).toBe('19/07/2024 09:05');
    expect(valueAfter(pdf, 'Type')).toBe('Face to face');
    expect(valueAfter(pdf, 'Record id')).toBe(IDS.consultation);
  });

  it('has every section heading, in the order of the form, each with what was typed', () => {
    const headings = pdf.pages.flat().filter((line) => (CONSULTATION_SECTION_HEADINGS as readonly string[]).includes(line));
    expect(headings).toEqual([...CONSULTATION_SECTION_HEADINGS]);
    for (const text of [SIGNED_CONTENT.presentingComplaint, SIGNED_CONTENT.assessment, SIGNED_CONTENT.plan, SIGNED_CONTENT.safetyNetting]) {
      expect(pdf.text).toContain(text);
    }
    expect(pdf.text).toContain(SIGNED_CONTENT.allergies);
    expect(pdf.text).toContain('Not known: current medicines could not be confirmed during the outage');
  });

  it('prints each observation with its unit, flags the abnormal ones and gives NEWS2', () => {
    const expected: Record<string, string> = {
      'Systolic blood pressure': '150 mmHg',
      'Diastolic blood pressure': '95 mmHg',
      Pulse: '112 bpm',
      Temperature: '38.6°C',
      SpO2: '94%',
      'Air or oxygen': 'Air',
      'Respiratory rate': '24 /min',
      'Consciousness (ACVPU)': 'Alert',
      Weight: '72.5 kg',
      Height: '168 cm',
      'Peak flow': '380 L/min',
      'Blood glucose': '6.2 mmol/L',
    };
    for (const [label, value] of Object.entries(expected)) expect(valueAfter(pdf, label), label).toBe(value);
    expect(pdf.text).toContain('Abnormal: Pulse 112 bpm is high (NEWS2 normal 51–90)');
    expect(pdf.text).toContain('Abnormal: Temperature 38.6°C is high (NEWS2 normal 36.1–38.0°C)');
    expect(pdf.text).toContain('Abnormal: SpO2 94% is low');
    expect(pdf.text).toContain('Abnormal: Respiratory rate 24 /min is high');
    expect(pdf.text).not.toContain('Abnormal: Weight');
    // RR 24 → 2, SpO2 94 → 1, air → 0, systolic 150 → 0, pulse 112 → 2, alert → 0, 38.6 °C → 1.
    expect(valueAfter(pdf, 'NEWS2')).toBe('Score 6: Medium');
  });

  it('gives the signature, then the addenda in order (who, when, why, text) after the original', () => {
    expect(valueAfter(pdf, 'Signed by')).toBe('Dr Asha Patel (GP), GMC 1234567');
    expect(valueAfter(pdf, 'Signed at')).toBe('19/07/2024 09:12');
    const [first, second] = ADDENDA;
    expectInOrder(pdf, [
      SIGNED_CONTENT.plan,
      'Signed by',
      'Addendum 1 of 2',
      'Sam Okafor (Nurse), NMC 12A3456E',
      '19/07/2024 10:30',
      first.reason,
      first.text,
      'Addendum 2 of 2',
      '19/07/2024 11:15',
      second.reason,
      second.text,
      `End of record ${IDS.consultation}`,
    ]);
    expect(pdf.text).not.toContain('DRAFT');
  });

  it('puts the footer, the record id and "Page N of M" on every page', () => {
    expect(pdf.pages.length).toBeGreaterThan(1);
    pdf.pages.forEach((lines, index) => {
      expect(lines).toContain(OUTAGE_STATEMENT);
      expect(lines).toContain(`Page ${index + 1} of ${pdf.pages.length}`);
      expect(lines).toContain(`Record id ${IDS.consultation}`);
      expect(lines).toContain('Printed 19/07/2024 12:30 on Consulting room 3 laptop');
    });
  });

  it('keeps identifying text out of the file name and the PDF title', () => {
    expect(consultationPdfFileName(buildSigned())).toBe('lifeboat-consultation-c0ffee00.pdf');
    expect(pdf.title).toBe('Lifeboat consultation record c0ffee00');
  });

  it('gives the same bytes for the same input', async () => {
    const again = await buildConsultationPdf(buildPdfInput(buildSigned()));
    expect(new Uint8Array(await again.arrayBuffer())).toEqual(new Uint8Array(await blob.arrayBuffer()));
  });
});

describe('buildConsultationPdf: drafts and discarded drafts', () => {
  it('marks a draft "DRAFT – NOT SIGNED", keeps an observation slip as typed, and says "Not recorded"', async () => {
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(buildUnsignedDraft())));
    expect(pdf.pages[0]).toContain('DRAFT – NOT SIGNED');
    expect(pdf.text).toContain('DRAFT – NOT SIGNED: this record has not been signed');
    expect(valueAfter(pdf, 'Status')).toBe('Draft – not signed');
    pdf.pages.slice(1).forEach((lines) => expect(lines).toContain('DRAFT – NOT SIGNED'));
    expect(pdf.text).not.toContain('Signed by');
    expect(pdf.text).not.toContain('Addenda');
    expect(valueAfter(pdf, 'Pulse')).toBe('4OO (as typed)');
    expect(pdf.text).toContain('Not checked: Enter pulse as a number');
    expect(valueAfter(pdf, 'Temperature')).toBe('37.1°C');
    expect(valueAfter(pdf, 'NEWS2')).toBe('Not calculated');
    expect(pdf.text).toContain('Not known: allergies could not be confirmed during the outage');
    expect(valueAfter(pdf, 'History')).toBe('Not recorded');
    expect(valueAfter(pdf, 'Current medicines')).toBe('Not recorded');
    expect(valueAfter(pdf, 'Observations')).toBe('Pulse');
  });

  it('says "Not recorded" under every heading of an empty draft', async () => {
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(buildDraft())));
    for (const heading of CONSULTATION_SECTION_HEADINGS) expect(valueAfter(pdf, heading), heading).toBe('Not recorded');
  });

  it('marks a discarded draft "DISCARDED" with who, when and why', async () => {
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(buildDiscarded())));
    expect(pdf.pages[0]).toContain('DISCARDED: NOT PART OF THE CLINICAL RECORD');
    expect(pdf.text).toContain('Reason: Opened for the wrong patient');
    expect(valueAfter(pdf, 'Discarded by')).toBe('Sam Okafor (Nurse), NMC 12A3456E');
    expect(valueAfter(pdf, 'Discarded at')).toBe('19/07/2024 09:12');
    pdf.pages.slice(1).forEach((lines) => expect(lines).toContain('DISCARDED'));
  });

  it('gives a baby\'s age in months at the time of care', async () => {
    const baby = (dateOfBirth: string) => buildPdfInput(buildSigned({}, 0), { patient: buildPatient({ dateOfBirth }) });
    expect(valueAfter(await readPdf(await buildConsultationPdf(baby('2024-02-20'))), 'Date of birth')).toBe('20/02/2024 (age 4 months)');
    expect(valueAfter(await readPdf(await buildConsultationPdf(baby('2024-07-01'))), 'Date of birth')).toBe('01/07/2024 (age under 1 month)');
  });

  it('says plainly when a staff record is not on this device, and when the NHS number is unknown', async () => {
    const input = buildPdfInput(buildSigned({}, 1), { author: null, signer: null, addendumAuthors: {}, patient: buildPatient({ nhsNumber: '' }) });
    const pdf = await readPdf(await buildConsultationPdf(input));
    expect(valueAfter(pdf, 'Clinician')).toBe(`Staff member not on this device (id ${IDS.gp})`);
    expect(valueAfter(pdf, 'Added by')).toBe(`Staff member not on this device (id ${IDS.nurse})`);
    expect(valueAfter(pdf, 'NHS number')).toBe('Not recorded');
  });
});

describe('buildConsultationPdf: long records', () => {
  // 5,000 numbered words in paragraphs of 100: any word lost, repeated or reordered shows. At about
  // 29,000 characters that is more than the form takes in one field (20,000), so it is set directly.
  const words = Array.from({ length: 5000 }, (_, i) => `w${i + 1}`);
  const history = Array.from({ length: 50 }, (_, p) => words.slice(p * 100, p * 100 + 100).join(' ')).join('\n\n');

  it('wraps a 5,000-word history across pages, losing nothing, with "Page N of M" on each', async () => {
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(withData(buildSigned(), { history }))));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(5);
    const found = [...pdf.text.matchAll(/\bw(\d+)\b/g)].map((match) => Number(match[1]));
    expect(found).toEqual(words.map((_, i) => i + 1));
    pdf.pages.forEach((lines, index) => {
      expect(lines).toContain(OUTAGE_STATEMENT);
      expect(lines).toContain(`Page ${index + 1} of ${pdf.pages.length}`);
      expect(lines).toContain(`Record id ${IDS.consultation}`);
      // Every page after the first says who the record is about.
      if (index > 0) expect(lines[0]).toContain('Zoë O’Brien-Smith');
    });
    expectInOrder(pdf, ['w5000', 'Examination', ADDENDA[0].text, ADDENDA[1].text]);
  });

  it('prints the largest record the form allows: every text at 20,000 characters', async () => {
    const sentence = 'Patient describes intermittent symptoms over several weeks, worse at night and after meals. ';
    const full = sentence.repeat(Math.ceil(20_000 / sentence.length)).slice(0, 19_990).trimEnd();
    const texts = { presentingComplaint: full, history: full, examination: full, allergies: full, currentMedicines: full, currentMedicinesNotKnown: false };
    const more = { assessment: full, plan: full, safetyNetting: full, followUp: full, referrals: full, freeText: full };
    const started = performance.now();
    const blob = await buildConsultationPdf(buildPdfInput(buildSigned({ ...texts, ...more })));
    const ms = performance.now() - started;
    const pdf = await readPdf(blob);
    console.log(`largest record: ${pdf.pages.length} pages, ${(blob.size / 1024).toFixed(0)} kB, built in ${ms.toFixed(0)} ms`);
    const last = pdf.pages.length;
    expect(last).toBeGreaterThan(40);
    expect(pdf.pages[last - 1]).toContain(`Page ${last} of ${last}`);
    expect(pdf.pages.every((lines) => lines.includes(OUTAGE_STATEMENT))).toBe(true);
    // Eleven texts (the sections, allergies and medicines); a single word is never split.
    const count = (text: string) => text.split('intermittent').length - 1;
    expect(count(pdf.text)).toBe(11 * count(full));
  });

  it('breaks a word longer than the line instead of running off the page', async () => {
    const url = `https://example.org/${'a'.repeat(400)}`;
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(buildSigned({ referrals: url }))));
    const lines = pdf.pages.flat().filter((line) => /^(https:\/\/example\.org\/)?a+$/.test(line));
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join('')).toBe(url);
  });
});

describe('buildConsultationPdf: characters beyond WinAnsi', () => {
  const text = 'Temp 38.5°C – “fever” ≥ 3 days, patient’s wife said 😀; on β-blocker, B12 1000 μg; SpO₂ 94%; ½ tablet → 1';

  it('keeps WinAnsi characters and spells the rest sensibly, never as garbage', async () => {
    const pdf = await readPdf(await buildConsultationPdf(buildPdfInput(buildSigned({ history: text }))));
    expect(unwrapped(pdf)).toContain('Temp 38.5°C – “fever” >= 3 days, patient’s wife said [emoji]; on beta-blocker, B12 1000 µg; SpO2 94%; ½ tablet -> 1');
    const stray = [...pdf.text].filter((char) => char !== '\n' && char !== ' ' && !isWinAnsi(char));
    expect(stray).toEqual([]);
  });

  it('prints a Latin-1 name exactly and says when a name had to be transliterated', async () => {
    const zoe = await readPdf(await buildConsultationPdf(buildPdfInput(buildSigned())));
    expect(zoe.text).not.toContain('transliterated');

    const patient = buildPatient({ firstName: 'Łukasz', lastName: 'Nguyễn' });
    const lukasz = await readPdf(await buildConsultationPdf(buildPdfInput(buildSigned(), { patient })));
    expect(valueAfter(lukasz, 'Name')).toBe('Lukasz Nguyên');
    expect(lukasz.text).toContain('shown transliterated');

    const greek = buildPatient({ firstName: 'Αλέξανδρος', lastName: 'Παπαδόπουλος' });
    const alexandros = await readPdf(await buildConsultationPdf(buildPdfInput(buildSigned(), { patient: greek })));
    expect(valueAfter(alexandros, 'Name')).toBe('Alexandros Papadopoulos');
  });
});

describe('buildConsultationPdf: time to build in node', () => {
  it('builds a typical signed record quickly (printed; the browser benchmark is separate)', async () => {
    const input = buildPdfInput(buildSigned());
    await buildConsultationPdf(input); // warm up: module and font metrics
    const times: number[] = [];
    for (let i = 0; i < 20; i += 1) {
      const start = performance.now();
      await buildConsultationPdf(input);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    const median = times[10] ?? 0;
    const longInput = buildPdfInput(withData(buildSigned(), { history: Array.from({ length: 5000 }, (_, i) => `word${i}`).join(' ') }));
    const start = performance.now();
    const long = await buildConsultationPdf(longInput);
    const longMs = performance.now() - start;
    const typical = await buildConsultationPdf(input);
    console.log(
      `consultation PDF in node: typical ${median.toFixed(1)} ms median, ${(times[18] ?? 0).toFixed(1)} ms p95 of 20 (${(typical.size / 1024).toFixed(1)} kB); ` +
        `5,000-word history ${longMs.toFixed(1)} ms (${(long.size / 1024).toFixed(1)} kB)`,
    );
    expect(median).toBeLessThan(1000);
  });
});
