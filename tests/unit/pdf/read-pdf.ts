// Reads a generated PDF's text back with pdf.js (its legacy build runs in node), the way a viewer's
// search or copy would see it: one string per drawn line, one array per page.
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
/** Only to silence pdf.js's warning: the text layer never needs the glyph shapes. */
const standardFontDataUrl = `${join(pdfjsRoot, 'standard_fonts')}/`;

export interface PdfText {
  /** Each page's lines, in drawing order. */
  pages: string[][];
  /** All pages' lines joined by line breaks. */
  text: string;
  title: string;
}

export async function readPdf(blob: Blob): Promise<PdfText> {
  const data = new Uint8Array(await blob.arrayBuffer());
  const pdf = await getDocument({ data, standardFontDataUrl, isEvalSupported: false }).promise;
  try {
    const pages: string[][] = [];
    for (let number = 1; number <= pdf.numPages; number += 1) {
      const content = await (await pdf.getPage(number)).getTextContent();
      // pdf.js reports the micro sign (WinAnsi 0xB5) as its compatibility form, Greek mu: undo that.
      pages.push(content.items.flatMap((item) => ('str' in item && item.str.trim() !== '' ? [item.str.replace(/\u03bc/g, '\u00b5')] : [])));
    }
    const { info } = await pdf.getMetadata();
    const title = typeof info === 'object' && info !== null && 'Title' in info ? String(info.Title) : '';
    return { pages, text: pages.map((lines) => lines.join('\n')).join('\n'), title };
  } finally {
    await pdf.destroy();
  }
}
