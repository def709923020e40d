/**
 * Reading CSV files as clinical systems and spreadsheets save them: bytes in UTF-8 (with or without
 * a byte-order mark), UTF-16 (Excel's "Unicode text") or Windows-1252 (older exports and Excel on
 * Windows), then RFC 4180 records: quoted fields, doubled quotes, line breaks inside quotes, CRLF
 * or LF, and a comma, semicolon or tab between fields (found from the header line).
 * https://www.rfc-editor.org/rfc/rfc4180
 */

export type TextEncodingName = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const ENCODING_LABELS: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-8-bom': 'UTF-8 with byte-order mark',
  'utf-16le': 'UTF-16 (Unicode text)',
  'utf-16be': 'UTF-16 (Unicode text)',
  'windows-1252': 'Windows-1252 (Western European)',
};

export interface DecodedText {
  text: string;
  encoding: TextEncodingName;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

/**
 * Decodes a file's bytes. A byte-order mark decides; otherwise the bytes are UTF-8 if they are
 * valid UTF-8 (a strict decoder says so), and Windows-1252 if not: a file with `Zoë` saved by
 * an older system has a lone 0xEB byte, which is never valid UTF-8.
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8-bom' };
  if (startsWith(bytes, [0xff, 0xfe])) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  if (startsWith(bytes, [0xfe, 0xff])) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252' };
  }
}

/**
 * Windows-1252 is Latin-1 except 0x80–0x9F, where it has printable characters (’ “ ” – € …).
 * Decoded by hand: some engines' TextDecoder (Node 20) treat the label as plain Latin-1 there.
 * Undefined bytes (0x81, 0x8D, 0x8F, 0x90, 0x9D) are kept as the control characters they name.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

export function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

export type CsvDelimiter = ',' | ';' | '\t';

/** The delimiter used most often on the first line, outside quotes; a comma when there is none. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
  }
  const best = (Object.keys(counts) as CsvDelimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a), ',');
  return counts[best] > 0 ? best : ',';
}

/** One record and the line of the file it starts on (1-based; a quoted line break spans lines). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/**
 * Splits CSV text into records. Lenient where files are sloppy (a quote in the middle of an
 * unquoted field is kept as text; an unclosed quote runs to the end of the file) and never throws.
 */
export function parseCsv(text: string, delimiter: CsvDelimiter = detectDelimiter(text)): CsvRecord[] {
  const records: CsvRecord[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let cellStarted = false;
  let line = 1;
  let recordLine = 1;
  const endCell = () => {
    cells.push(cell);
    cell = '';
    cellStarted = false;
  };
  const endRecord = () => {
    endCell();
    records.push({ line: recordLine, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        // CRLF inside quotes is one line break, kept as \n.
        if (char === '\r' && text[i + 1] === '\n') i += 1;
        if (char === '\r' || char === '\n') {
          line += 1;
          cell += '\n';
        } else cell += char;
      }
    } else if (char === '"' && !cellStarted) {
      quoted = true;
      cellStarted = true;
    } else if (char === delimiter) {
      endCell();
    } else if (char === '\r' || char === '\n') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
      cellStarted = true;
    }
  }
  if (cellStarted || cell !== '' || cells.length > 0) endRecord();
  return records;
}

/** True for a record with nothing in it (a blank line, or a line of delimiters only). */
export function isBlankRecord(record: CsvRecord): boolean {
  return record.cells.every((cell) => cell.trim() === '');
}
