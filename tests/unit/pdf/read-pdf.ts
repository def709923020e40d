// Reads a generated PDF's text back with pdf.js (its legacy build runs in node), the way a viewer's
// search or copy would see it: one string per drawn line, one array per page; and, for layout
// tests, where each run of text sits on its page.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Only to silence pdf.js's warning: the text layer never needs the glyph shapes. */
const standardFontDataUrl = `${join(pdfjsRoot, 'standard_fonts')}/`;

/** Points in a millimetre: pdf.js reports positions in points, the layouts are in millimetres. */
export const PT_PER_MM = 72 / 25.4;

export interface PdfText {
  /** Each page's lines, in drawing order. */
  pages: string[][];
  /** All pages' lines joined by line breaks. */
  text: string;
  title: string;
}

/** A run of text and where pdf.js finds it, in points from the page's bottom-left corner. */
export interface PdfTextItem {
  str: string;
  /** The start of the baseline. */
  x: number;
  y: number;
  /** The advance width of the run, in points. */
  width: number;
  /** The font size, in points (the transform's scale). */
  size: number;
  /** The baseline's angle in degrees: 0 for ordinary text. */
  angle: number;
}

async function withPdf<T>(blob: Blob, read: (pdf: PDFDocumentProxy) => Promise<T>): Promise<T> {
  const data = new Uint8Array(await blob.arrayBuffer());
  const pdf = await getDocument({ data, standardFontDataUrl, isEvalSupported: false }).promise;
  try {
    return await read(pdf);
  } finally {
    await pdf.destroy();
  }
}

/** pdf.js reports the micro sign (WinAnsi 0xB5) as its compatibility form, Greek mu: undo that. */
function microSign(text: string): string {
  return text.replace(/\u03bc/g, '\u00b5');
}

export async function readPdf(blob: Blob): Promise<PdfText> {
  return withPdf(blob, async (pdf) => {
    const pages: string[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [microSign(item.str)] : [])));
    }
    const { info } = await pdf.getMetadata();
    const title = typeof info === 'object' && info !== null && 'Title' in info ? String(info.Title) : '';
    return { pages, text: pages.map((lines) => lines.join('\n')).join('\n'), title };
  });
}

/** Every page's runs of text with their positions; each page also reports its size in points. */
export async function readPdfLayout(blob: Blob): Promise<{ width: number; height: number; items: PdfTextItem[] }[]> {
  return withPdf(blob, async (pdf) => {
    const pages: { width: number; height: number; items: PdfTextItem[] }[] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const page = await pdf.getPage(number);
      const [, , width = 0, height = 0] = page.view;
      const content = await page.getTextContent();
      const items = content.items.flatMap((item): PdfTextItem[] => {
        if (!('str' in item) || item.str.trim() === '') return [];
        const [a = 0, b = 0, , , x = 0, y = 0] = item.transform as number[];
        return [{ str: microSign(item.str), x, y, width: item.width, size: Math.hypot(a, b), angle: (Math.atan2(b, a) * 180) / Math.PI }];
      });
      pages.push({ width, height, items });
    }
    return pages;
  });
}
