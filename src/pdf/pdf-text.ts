import type { jsPDF } from 'jspdf';
import { toWinAnsi } from './win-ansi';

/**
 * Text measuring and wrapping shared by the PDF writers. Every string passes through `toWinAnsi`
 * first, because jsPDF's built-in Helvetica covers WinAnsi only. Type-only jsPDF import: the
 * caller hands in the document, so this module never loads jsPDF itself.
 */

/** The text as Helvetica can draw it (see win-ansi.ts). */
export function printable(text: string): string {
  return toWinAnsi(text).text;
}

/** Lines no wider than `width` in the document's current font; blank paragraphs are kept. */
export function wrapText(doc: jsPDF, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of printable(text).split('\n')) {
    const split: unknown = doc.splitTextToSize(paragraph.trimEnd(), width);
    if (Array.isArray(split) && split.length > 0) lines.push(...split.map(String));
    else lines.push('');
  }
  return lines;
}

/** Printable text, shortened with an ellipsis if it is wider than `width` in the current font. */
export function fitText(doc: jsPDF, text: string, width: number): string {
  if (doc.getTextWidth(text) <= width) return text;
  let shortened = text;
  while (shortened.length > 1 && doc.getTextWidth(`${shortened}…`) > width) shortened = shortened.slice(0, -1);
  return `${shortened.trimEnd()}…`;
}

/**
 * The width of printable text as drawn, in the document's unit. jsPDF's own measure
 * (`getTextWidth`, and its `align` option) subtracts kerning that it never writes into the file,
 * so this measures without it. jsPDF's Helvetica widths are rounded (550 for the AFM's 556), so a
 * centred or right-aligned line can still sit up to about 1% of its width off: 0.2 mm on a date.
 */
export function drawnWidth(doc: jsPDF, text: string): number {
  return (doc.getStringUnitWidth(text, { doKerning: false }) * doc.getFontSize()) / doc.internal.scaleFactor;
}

/** Draws printable text with its start, centre or end at `x`, measured as drawn. */
export function drawAligned(doc: jsPDF, text: string, x: number, y: number, align: 'left' | 'center' | 'right'): void {
  if (text === '') return;
  const width = align === 'left' ? 0 : drawnWidth(doc, text);
  doc.text(text, align === 'center' ? x - width / 2 : x - width, y);
}

/**
 * Parts of one entry ("12 Mill Lane", "Headingley", "Leeds") joined by ", " into as few lines
 * no wider than `width` as they fit, breaking between parts before breaking inside one, so an
 * address reads line by line as it was written.
 */
export function packParts(doc: jsPDF, parts: readonly string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const part of parts.map(printable).map((text) => text.trim()).filter((text) => text !== '')) {
    const joined = current === '' ? part : `${current}, ${part}`;
    if (drawnWidth(doc, joined) <= width) {
      current = joined;
      continue;
    }
    if (current !== '') lines.push(`${current},`);
    const wrapped = wrapText(doc, part, width);
    current = wrapped.pop() ?? '';
    lines.push(...wrapped);
  }
  if (current !== '') lines.push(current);
  return lines;
}
