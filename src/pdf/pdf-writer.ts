import type { jsPDF } from 'jspdf';
import type { PdfBannerTone, PdfBlock, PdfDocumentContent, PdfNote, PdfTone } from './pdf-content';
import { fitText, wrapText } from './pdf-text';
import { toWinAnsi } from './win-ansi';

/**
 * Lays printed content out on A4 portrait with jsPDF's built-in Helvetica, as real text (selectable,
 * searchable, read back by the tests with pdf.js). Text wraps with `splitTextToSize` and flows onto
 * new pages; pages after the first repeat who the record is about; every page ends with the
 * footer and "Page N of M", drawn once the page count is known. Every string goes through
 * `toWinAnsi` first, because Helvetica here covers WinAnsi only.
 */

const PAGE = { width: 595.28, height: 841.89 } as const;
const MARGIN_X = 50;
const TOP = 46;
const CONTENT_WIDTH = PAGE.width - 2 * MARGIN_X;
const FOOTER_RULE_Y = PAGE.height - 50;
const CONTENT_BOTTOM = FOOTER_RULE_Y - 12;
const LABEL_WIDTH = 140;
const BODY = { size: 10, line: 13.5 } as const;
const NOTE = { size: 9, line: 12 } as const;

type Rgb = readonly [number, number, number];

/** NHS identity colours: text, secondary text, red for warnings, grey for rules. */
const COLOURS: Record<PdfTone | 'rule', Rgb> = {
  normal: [33, 43, 50],
  strong: [33, 43, 50],
  muted: [76, 98, 114],
  alert: [190, 30, 20],
  rule: [174, 183, 189],
};

const BANNER_FILLS: Record<PdfBannerTone, { fill: Rgb; bar: Rgb }> = {
  draft: { fill: [255, 235, 59], bar: [33, 43, 50] },
  discarded: { fill: [216, 221, 224], bar: [190, 30, 20] },
  signed: { fill: [240, 244, 245], bar: [0, 94, 184] },
};

class Flow {
  private y = TOP;

  constructor(
    private readonly doc: jsPDF,
    private readonly content: PdfDocumentContent,
  ) {}

  private font(style: 'normal' | 'bold', size: number, colour: Rgb): void {
    this.doc.setFont('helvetica', style);
    this.doc.setFontSize(size);
    this.doc.setTextColor(colour[0], colour[1], colour[2]);
  }

  private toneFont(tone: PdfTone, size: number): void {
    this.font(tone === 'strong' || tone === 'alert' ? 'bold' : 'normal', size, COLOURS[tone]);
  }

  /** Lines of printable text no wider than `width` in the current font; blank paragraphs kept. */
  private wrap(text: string, width: number): string[] {
    return wrapText(this.doc, text, width);
  }

  /** The text, shortened with an ellipsis if it is wider than `width` in the current font. */
  private fit(text: string, width: number): string {
    return fitText(this.doc, text, width);
  }

  private draw(text: string, x: number, y: number, align: 'left' | 'right' = 'left'): void {
    if (text !== '') this.doc.text(text, x, y, { baseline: 'top', align });
  }

  private rule(y: number, colour: Rgb = COLOURS.rule, width = 0.5): void {
    this.doc.setDrawColor(colour[0], colour[1], colour[2]);
    this.doc.setLineWidth(width);
    this.doc.line(MARGIN_X, y, PAGE.width - MARGIN_X, y);
  }

  /** Starts a new page when `height` does not fit on this one. */
  private ensure(height: number): void {
    if (this.y + height <= CONTENT_BOTTOM) return;
    this.doc.addPage('a4', 'portrait');
    this.y = TOP;
    this.font('normal', 8.5, COLOURS.muted);
    const mark = this.content.statusMark;
    const headerWidth = mark === null ? CONTENT_WIDTH : CONTENT_WIDTH - 130;
    const header = this.wrap(this.content.runningHeader, headerWidth);
    header.forEach((line, i) => this.draw(line, MARGIN_X, this.y + i * 11));
    if (mark !== null) {
      this.font('bold', 9, COLOURS.alert);
      this.draw(toWinAnsi(mark).text, PAGE.width - MARGIN_X, this.y, 'right');
    }
    this.y += header.length * 11 + 4;
    this.rule(this.y);
    this.y += 12;
  }

  letterhead(): void {
    const { name, lines } = this.content.letterhead;
    this.font('bold', 14, COLOURS.normal);
    for (const line of this.wrap(name, CONTENT_WIDTH)) {
      this.draw(line, MARGIN_X, this.y);
      this.y += 17;
    }
    this.font('normal', 9.5, COLOURS.muted);
    for (const line of lines.flatMap((text) => this.wrap(text, CONTENT_WIDTH))) {
      this.draw(line, MARGIN_X, this.y);
      this.y += 12.5;
    }
    this.y += 6;
    this.rule(this.y, COLOURS.normal, 1);
    this.y += 12;
    this.font('bold', 17, COLOURS.normal);
    this.draw(toWinAnsi(this.content.heading).text, MARGIN_X, this.y);
    this.y += 28;
  }

  block(block: PdfBlock): void {
    switch (block.kind) {
      case 'heading':
        return this.heading(block.text, 12, 12);
      case 'subheading':
        return this.heading(block.text, 10.5, 8);
      case 'field':
        return this.field(block.label, block.value, block.tone ?? 'normal', block.notes ?? []);
      case 'text':
        return this.text(block.text, block.tone ?? 'normal');
      case 'banner':
        return this.banner(block.title, block.lines, block.tone);
    }
  }

  /** A heading is kept with at least two lines of what follows it. */
  private heading(text: string, size: number, spaceBefore: number): void {
    this.font('bold', size, COLOURS.normal);
    const lines = this.wrap(text, CONTENT_WIDTH);
    this.ensure(spaceBefore + lines.length * (size + 3) + 6 + 2 * BODY.line);
    this.y += spaceBefore;
    for (const line of lines) {
      this.draw(line, MARGIN_X, this.y);
      this.y += size + 3;
    }
    if (size >= 12) this.rule(this.y + 1);
    this.y += 6;
  }

  private field(label: string, value: string, tone: PdfTone, notes: readonly PdfNote[]): void {
    const valueX = MARGIN_X + LABEL_WIDTH;
    const valueWidth = CONTENT_WIDTH - LABEL_WIDTH;
    this.font('bold', BODY.size, COLOURS.muted);
    const labels = this.wrap(label, LABEL_WIDTH - 10);
    this.toneFont(tone, BODY.size);
    const values = this.wrap(value, valueWidth);
    for (let i = 0; i < Math.max(labels.length, values.length); i += 1) {
      this.ensure(BODY.line);
      this.font('bold', BODY.size, COLOURS.muted);
      this.draw(labels[i] ?? '', MARGIN_X, this.y);
      this.toneFont(tone, BODY.size);
      this.draw(values[i] ?? '', valueX, this.y);
      this.y += BODY.line;
    }
    for (const note of notes) {
      this.toneFont(note.tone, NOTE.size);
      for (const line of this.wrap(note.text, valueWidth)) {
        this.ensure(NOTE.line);
        this.toneFont(note.tone, NOTE.size);
        this.draw(line, valueX, this.y);
        this.y += NOTE.line;
      }
    }
    this.y += 3;
  }

  private text(text: string, tone: PdfTone): void {
    this.toneFont(tone, BODY.size);
    for (const line of this.wrap(text, CONTENT_WIDTH)) {
      this.ensure(BODY.line);
      this.toneFont(tone, BODY.size);
      this.draw(line, MARGIN_X, this.y);
      this.y += BODY.line;
    }
    this.y += 3;
  }

  private banner(title: string, lines: readonly string[], tone: PdfBannerTone): void {
    const pad = 9;
    const { fill, bar } = BANNER_FILLS[tone];
    this.font('bold', 13, COLOURS.normal);
    const titleLines = this.wrap(title, CONTENT_WIDTH - 2 * pad - 4);
    this.font('normal', BODY.size, COLOURS.normal);
    const bodyLines = lines.flatMap((line) => this.wrap(line, CONTENT_WIDTH - 2 * pad - 4));
    const height = 2 * pad + titleLines.length * 16 + bodyLines.length * BODY.line;
    this.ensure(height + 8);
    this.doc.setFillColor(fill[0], fill[1], fill[2]);
    this.doc.rect(MARGIN_X, this.y, CONTENT_WIDTH, height, 'F');
    this.doc.setFillColor(bar[0], bar[1], bar[2]);
    this.doc.rect(MARGIN_X, this.y, 4, height, 'F');
    let y = this.y + pad;
    this.font('bold', 13, COLOURS.normal);
    for (const line of titleLines) {
      this.draw(line, MARGIN_X + pad + 4, y);
      y += 16;
    }
    this.font('normal', BODY.size, COLOURS.normal);
    for (const line of bodyLines) {
      this.draw(line, MARGIN_X + pad + 4, y);
      y += BODY.line;
    }
    this.y += height + 8;
  }

  /** The footer on every page, now that the number of pages is known. */
  footers(): void {
    const total = this.doc.getNumberOfPages();
    const { statement, detail, printed } = this.content.footer;
    for (let page = 1; page <= total; page += 1) {
      this.doc.setPage(page);
      this.rule(FOOTER_RULE_Y);
      this.font('bold', 8.5, COLOURS.normal);
      this.draw(toWinAnsi(statement).text, MARGIN_X, FOOTER_RULE_Y + 6);
      this.draw(`Page ${page} of ${total}`, PAGE.width - MARGIN_X, FOOTER_RULE_Y + 6, 'right');
      this.font('normal', 8, COLOURS.muted);
      this.draw(toWinAnsi(detail).text, MARGIN_X, FOOTER_RULE_Y + 18);
      const room = CONTENT_WIDTH - this.doc.getTextWidth(toWinAnsi(detail).text) - 20;
      this.draw(this.fit(toWinAnsi(printed).text, room), PAGE.width - MARGIN_X, FOOTER_RULE_Y + 18, 'right');
    }
  }
}

/** Draws the content into a new, empty jsPDF document (A4 portrait, points). */
export function writePdfDocument(doc: jsPDF, content: PdfDocumentContent): void {
  const flow = new Flow(doc, content);
  flow.letterhead();
  for (const block of content.blocks) flow.block(block);
  flow.footers();
}
