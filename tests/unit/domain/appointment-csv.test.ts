import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  AppointmentMappingError,
  mappingProblems,
  mergeMapping,
  previewImport,
  readAppointmentFile,
  splitName,
  suggestMapping,
  type ImportPreview,
} from '../../../src/domain/appointment-csv';
import { decodeText, decodeWindows1252, detectDelimiter, parseCsv } from '../../../src/domain/csv';

const LIST_DATE = '2024-07-19';

function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../fixtures/appointments/${name}`, import.meta.url)));
}

/** Reads a fixture and previews it with the suggested mapping. */
function previewFixture(name: string): ImportPreview {
  const table = readAppointmentFile(fixture(name));
  return previewImport(table, suggestMapping(table.headers), LIST_DATE);
}

const names = (preview: ImportPreview) => preview.good.map((a) => `${a.patient.firstName} ${a.patient.lastName}`);
const badRows = (preview: ImportPreview) => preview.bad.map((b) => [b.rowNumber, b.problems]);

describe('decodeText', () => {
  it('reads UTF-8, dropping a byte-order mark and saying it was there', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0x5a, 0x6f, 0xc3, 0xab]))).toEqual({ text: 'Zoë', encoding: 'utf-8-bom' });
    expect(decodeText(new Uint8Array([0x5a, 0x6f, 0xc3, 0xab]))).toEqual({ text: 'Zoë', encoding: 'utf-8' });
  });

  it('falls back to Windows-1252 when the bytes are not valid UTF-8, curly apostrophes included', () => {
    // "Zoë O’Brien" as Windows-1252: ë is 0xEB, ’ is 0x92 (which Latin-1 would turn into a control character).
    const bytes = new Uint8Array([0x5a, 0x6f, 0xeb, 0x20, 0x4f, 0x92, 0x42, 0x72, 0x69, 0x65, 0x6e]);
    expect(decodeText(bytes)).toEqual({ text: 'Zoë O’Brien', encoding: 'windows-1252' });
  });

  it('decodes all of Windows-1252’s 0x80–0x9F range', () => {
    expect(decodeWindows1252(new Uint8Array([0x80, 0x85, 0x8a, 0x91, 0x93, 0x94, 0x96, 0x97, 0x99, 0x9f]))).toBe('€…Š‘“”–—™Ÿ');
    expect(decodeWindows1252(new Uint8Array([0x81]))).toBe('\u0081');
  });

  it('reads UTF-16 with a byte-order mark (Excel’s "Unicode text")', () => {
    expect(decodeText(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0xbb, 0x03]))).toEqual({ text: 'Aλ', encoding: 'utf-16le' });
  });

  it('reads an empty file as empty text', () => {
    expect(decodeText(new Uint8Array())).toEqual({ text: '', encoding: 'utf-8' });
  });
});

describe('parseCsv', () => {
  it('reads quoted fields, doubled quotes and delimiters inside quotes', () => {
    expect(parseCsv('a,"b, c","say ""hi"""\n').map((r) => r.cells)).toEqual([['a', 'b, c', 'say "hi"']]);
  });

  it('keeps line breaks inside quotes and numbers records by the line they start on', () => {
    const records = parseCsv('h1,h2\r\n1,"two\r\nlines"\r\n3,x\r\n');
    expect(records).toEqual([
      { line: 1, cells: ['h1', 'h2'] },
      { line: 2, cells: ['1', 'two\nlines'] },
      { line: 4, cells: ['3', 'x'] },
    ]);
  });

  it('accepts LF, CRLF and a last line without a line break', () => {
    expect(parseCsv('a,b\nc,d').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(parseCsv('a,b\r\nc,d\r\n').map((r) => r.cells)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps empty fields, trailing delimiters and blank lines as records (the reader drops the blank ones)', () => {
    expect(parseCsv('a,,\n\nb,c,\n').map((r) => r.cells)).toEqual([['a', '', ''], [''], ['b', 'c', '']]);
  });

  it('is lenient with sloppy quoting: a quote inside an unquoted field is text, an unclosed quote runs to the end', () => {
    expect(parseCsv('Grace "Gracie" Mensah,x\n').map((r) => r.cells)).toEqual([['Grace "Gracie" Mensah', 'x']]);
    expect(parseCsv('a,"never closed\nb,c').map((r) => r.cells)).toEqual([['a', 'never closed\nb,c']]);
  });

  it('finds the delimiter from the header line, ignoring ones inside quotes', () => {
    expect(detectDelimiter('Time;Clinician;Name\n09:00;Dr A, B;C')).toBe(';');
    expect(detectDelimiter('"Time;x",Clinician,Name')).toBe(',');
    expect(detectDelimiter('Time\tClinician\tName')).toBe('\t');
    expect(detectDelimiter('Time')).toBe(',');
  });
});

describe('splitName', () => {
  it.each([
    ['SMITH, John (Mr)', 'John', 'SMITH'],
    ["O'BRIEN, Zoë", 'Zoë', "O'BRIEN"],
    ['Smith, Dr Mary-Jane', 'Mary-Jane', 'Smith'],
    ['Mr John Smith', 'John', 'Smith'],
    ['Aoife Ní Bhriain', 'Aoife Ní', 'Bhriain'],
    ['  Priya   Shah ', 'Priya', 'Shah'],
    ['Madonna', '', 'Madonna'],
  ])('%s → %s / %s', (text, firstName, lastName) => {
    expect(splitName(text)).toEqual({ firstName, lastName });
  });
});

describe('suggestMapping', () => {
  it('maps EMIS-style headers, one name column', () => {
    const table = readAppointmentFile(fixture('emis-utf8-bom.csv'));
    expect(suggestMapping(table.headers)).toEqual({
      time: 'Appt Time',
      clinician: 'Session Holder',
      fullName: 'Patient Name',
      dateOfBirth: 'DOB',
      nhsNumber: 'NHS Number',
      phone: 'Mobile Telephone',
    });
  });

  it('maps SystmOne-style headers, surname and first name apart', () => {
    const table = readAppointmentFile(fixture('systmone-windows-1252.csv'));
    expect(suggestMapping(table.headers)).toEqual({
      time: 'Start Time',
      clinician: 'Clinician',
      lastName: 'Surname',
      firstName: 'First Name',
      dateOfBirth: 'Date of Birth',
      nhsNumber: 'NHS Number',
      phone: 'Telephone',
      sex: 'Gender',
    });
  });

  it('leaves out what it cannot recognise', () => {
    expect(suggestMapping(['Foo', 'Bar', 'Tel'])).toEqual({ phone: 'Tel' });
  });

  it('keeps a remembered choice where the new file has that column, and suggests the rest', () => {
    const headers = ['Time', 'Clinician', 'Name', 'DOB', 'Home Tel', 'Mobile'];
    expect(mergeMapping(headers, { phone: 'Home Tel', nhsNumber: 'NHS No' })).toEqual({
      time: 'Time',
      clinician: 'Clinician',
      fullName: 'Name',
      dateOfBirth: 'DOB',
      phone: 'Home Tel',
    });
  });
});

describe('mappingProblems and previewImport', () => {
  it('names the required fields with no column, and columns the file does not have', () => {
    const table = readAppointmentFile(fixture('missing-column.csv'));
    const mapping = { ...suggestMapping(table.headers), phone: 'Tel' };
    expect(mappingProblems(table.headers, mapping)).toEqual([
      'Choose the column with the date of birth',
      'The file has no column called “Tel” (Phone)',
    ]);
    expect(() => previewImport(table, mapping, LIST_DATE)).toThrow(AppointmentMappingError);
    expect(() => previewImport(table, mapping, LIST_DATE)).toThrow(/date of birth/);
  });

  it('reads an EMIS export in UTF-8 with a byte-order mark, and names the row with 31/02/1980', () => {
    const table = readAppointmentFile(fixture('emis-utf8-bom.csv'));
    expect(table.encoding).toBe('utf-8-bom');
    expect(table.headers[0]).toBe('Appointment Date');
    const preview = previewImport(table, suggestMapping(table.headers), LIST_DATE);
    expect(names(preview)).toEqual(['Zoë O\'BRIEN', 'José MÜLLER', 'Thị Lan NGUYỄN', 'Łukasz ŁUKASIEWICZ']);
    expect(preview.good[0]).toEqual({
      rowNumber: 2,
      appointmentAt: '2024-07-19T08:30:00+01:00',
      bookedWith: 'Dr Asha Patel',
      patient: {
        firstName: 'Zoë',
        lastName: "O'BRIEN",
        dateOfBirth: '1984-07-19',
        sex: 'unknown',
        nhsNumber: '9434765005',
        address: '',
        postcode: '',
        phone: '07700 900123',
      },
    });
    expect(badRows(preview)).toEqual([[6, ['Date of birth “31/02/1980”: Enter the date of birth as a real date, like 19/07/1984']]]);
    expect(preview.bad[0]?.raw).toContain('SMITH, Mary-Jane (Miss)');
  });

  it('reads a SystmOne export in Windows-1252: accents, curly apostrophes, 19-Jul-1984 dates, and an invalid NHS number', () => {
    const table = readAppointmentFile(fixture('systmone-windows-1252.csv'));
    expect(table.encoding).toBe('windows-1252');
    const preview = previewImport(table, suggestMapping(table.headers), LIST_DATE);
    expect(names(preview)).toEqual(['Zoë O’Brien', 'José Müller', 'Iñaki Fernández-García']);
    expect(preview.good.map((a) => [a.appointmentAt, a.patient.dateOfBirth, a.patient.sex])).toEqual([
      ['2024-07-19T09:00:00+01:00', '1984-07-19', 'female'],
      ['2024-07-19T09:15:00+01:00', '1956-03-02', 'male'],
      ['2024-07-19T09:30:00+01:00', '1975-12-12', 'male'],
    ]);
    expect(badRows(preview)).toEqual([[5, ['NHS number “9434765910”: This is not a valid NHS number: check the digits']]]);
  });

  it('reads semicolons and quoted line breaks, giving bad rows the line they start on', () => {
    const table = readAppointmentFile(fixture('semicolon-with-notes.csv'));
    expect(table.delimiter).toBe(';');
    const preview = previewImport(table, suggestMapping(table.headers), LIST_DATE);
    expect(preview.good.map((a) => [a.rowNumber, `${a.patient.firstName} ${a.patient.lastName}`])).toEqual([
      [2, 'Priya Shah'],
      [3, 'Tomasz Kowalski'],
      [9, 'Ahmed Hassan'],
      [12, 'Li Wei'],
    ]);
    expect(badRows(preview)).toEqual([
      [6, ['Date of birth “30/02/1999”: Enter the date of birth as a real date, like 19/07/1984']],
      [7, ['NHS number “943 476 5421”: This is not a valid NHS number: check the digits']],
    ]);
  });

  it('ignores trailing commas and blank lines, reads date-and-time cells, and refuses other days and impossible times', () => {
    const preview = previewFixture('trailing-commas.csv');
    expect(preview.good.map((a) => [a.rowNumber, a.appointmentAt, a.patient.lastName, a.patient.dateOfBirth])).toEqual([
      [2, '2024-07-19T10:00:00+01:00', 'Begum', '1991-04-03'],
      [5, '2024-07-19T10:10:00+01:00', 'Adeyemi', '1988-06-15'],
    ]);
    expect(badRows(preview)).toEqual([
      [6, ['Appointment time “20/07/2024 10:20”: the appointment is on another day than the list']],
      [7, ['Appointment time “19/07/2024 25:00”: enter a time like 09:10']],
      [8, ['First name “Madonna”: Enter the first name', 'Date of birth: Enter the date of birth as a real date, like 19/07/1984']],
    ]);
  });

  it('reads Excel’s UTF-16 "Unicode text" with tabs, in any script', () => {
    const table = readAppointmentFile(fixture('excel-unicode-text.txt'));
    expect(table.encoding).toBe('utf-16le');
    const preview = previewImport(table, suggestMapping(table.headers), LIST_DATE);
    expect(names(preview)).toEqual(['Αλέξανδρος Παπαδόπουλος']);
  });

  it('lists every problem of a row, and a missing time plainly', () => {
    const table = { headers: ['Time', 'Clinician', 'Name', 'DOB', 'NHS', 'Tel'], rows: [{ line: 2, cells: ['', 'Dr A', 'Jo Bloggs', '1/1/2090', '123', 'call me'] }] };
    const [bad] = previewImport(table, suggestMapping(table.headers), LIST_DATE).bad;
    expect(bad?.problems).toEqual([
      'Appointment time is missing',
      'Date of birth “1/1/2090”: Date of birth cannot be in the future',
      'NHS number “123”: Enter a 10-digit NHS number, like 943 476 5919',
      'Phone “call me”: Enter a phone number, like 01632 960 001',
    ]);
  });

  it('gives times on a clock-change day the right offset', () => {
    const table = { headers: ['Time', 'Clinician', 'Name', 'DOB'], rows: [{ line: 2, cells: ['09:00', '', 'Jo Bloggs', '01/01/1990'] }] };
    expect(previewImport(table, suggestMapping(table.headers), '2024-10-27').good[0]?.appointmentAt).toBe('2024-10-27T09:00:00+00:00');
    expect(previewImport(table, suggestMapping(table.headers), '2024-03-31').good[0]?.appointmentAt).toBe('2024-03-31T09:00:00+01:00');
  });
});
