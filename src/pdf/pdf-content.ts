/**
 * What a printed record says, apart from how it is laid out: blocks of headings, labelled fields
 * and text, built from plain domain data by pure functions and drawn by `pdf-writer.ts`. No jsPDF
 * here, so the wording can be built and tested without loading it.
 */

/** How a piece of text is set: body text, secondary, bold, or a warning in red. */
export type PdfTone = 'normal' | 'muted' | 'strong' | 'alert';

export type PdfBlock =
  /** A section heading with a rule under it. */
  | { kind: 'heading'; text: string }
  /** A smaller heading inside a section (one addendum). */
  | { kind: 'subheading'; text: string }
  /** A label and its value side by side; notes sit under the value. */
  | { kind: 'field'; label: string; value: string; tone?: PdfTone; notes?: readonly PdfNote[] }
  /** Text across the full width; may hold several paragraphs separated by line breaks. */
  | { kind: 'text'; text: string; tone?: PdfTone }
  /** A boxed status at the top of the record: draft, discarded or signed. */
  | { kind: 'banner'; title: string; lines: readonly string[]; tone: PdfBannerTone };

export interface PdfNote {
  text: string;
  tone: PdfTone;
}

export type PdfBannerTone = 'draft' | 'discarded' | 'signed';

export interface PdfDocumentContent {
  /** The PDF's title property: no patient-identifying text (viewers show it in tabs and lists). */
  title: string;
  /** The practice at the top of the first page. */
  letterhead: { name: string; lines: readonly string[] };
  /** The document's own heading under the letterhead: "Consultation record". */
  heading: string;
  blocks: readonly PdfBlock[];
  /** Who the record is about, at the top of every page after the first. */
  runningHeader: string;
  /** Repeated at the top of every page after the first, in red: "DRAFT – NOT SIGNED". */
  statusMark: string | null;
  /** Two footer lines on every page; "Page N of M" is added at the right of the first. */
  footer: { statement: string; detail: string; printed: string };
}
