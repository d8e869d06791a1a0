// A Party document as a renderer-neutral model (Hướng dẫn 36-HD/VPTW of 2018): the page, the header
// blocks, the title, the body, the signature blocks and the footer, with every text, size and style.
// The .docx and the .pdf are both drawn from one model, so they cannot drift apart.

export type DocumentAlign = 'left' | 'center' | 'right' | 'justify';

export interface DocumentRun {
  text: string;
  bold?: boolean;
  italics?: boolean;
  underline?: boolean;
  /** Points; the body size when absent. */
  sizePt?: number;
}

export interface DocumentParagraph {
  runs: DocumentRun[];
  align: DocumentAlign;
  /** The body's first-line indent. */
  indent?: boolean;
  spaceBeforePt?: number;
  spaceAfterPt?: number;
  /** Keep on the page of the next paragraph (headings). */
  keepWithNext?: boolean;
}

export interface PartyDocumentModel {
  /** The file's metadata. */
  title: string;
  author: string;
  language: 'vi';
  page: { widthMm: number; heightMm: number; marginsMm: { top: number; bottom: number; left: number; right: number } };
  /** Times New Roman in .docx; a metric-compatible face with full Vietnamese coverage in the PDF. */
  fontFamily: 'Times New Roman';
  bodySizePt: number;
  /** Line height as a multiple of the font size. */
  lineSpacing: number;
  /** Top left (the superior and the issuing body, the star, the number) and top right (the Party, place and date). */
  header: { left: DocumentParagraph[]; right: DocumentParagraph[]; leftWidthPercent: number };
  /** The type of document and the subject line, centred. */
  heading: DocumentParagraph[];
  body: DocumentParagraph[];
  /** Side by side, left to right. */
  signatures: DocumentParagraph[][];
  /** On every page, at the bottom. */
  footer: { text: string; sizePt: number };
  /** Arabic numerals, upright, centred in the top margin, from the second page on (the first shows none). */
  pageNumbers: { fromPage: 2; sizePt: number };
}

/** A4, margins within the guidance (top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm). */
export const PARTY_PAGE = { widthMm: 210, heightMm: 297, marginsMm: { top: 20, bottom: 20, left: 30, right: 15 } } as const;

export const PARTY_SIZES = { body: 14, party: 15, documentType: 16, footer: 9, pageNumber: 14 } as const;

export const PARTY_NAME = 'ĐẢNG CỘNG SẢN VIỆT NAM';

export const paragraph = (runs: DocumentRun[] | string, align: DocumentAlign = 'justify', extra: Omit<DocumentParagraph, 'runs' | 'align'> = {}): DocumentParagraph => ({
  runs: typeof runs === 'string' ? [{ text: runs }] : runs, align, ...extra,
});

/** The plain text of a paragraph (tests, search). */
export const paragraphText = (p: DocumentParagraph): string => p.runs.map((r) => r.text).join('');

const VIETNAM_TIME = 'Asia/Ho_Chi_Minh';

/** Day, month, year, hour and minute of an instant in Vietnam's time, two digits each (year four). */
export function vietnamTime(iso: string): { day: string; month: string; year: string; hour: string; minute: string } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: VIETNAM_TIME, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)!.value;
  return { day: part('day'), month: part('month'), year: part('year'), hour: part('hour'), minute: part('minute') };
}

/** "Đồng Tháp, ngày 01 tháng 12 năm 2026". */
export function placeAndDateLine(place: string, iso: string): string {
  const t = vietnamTime(iso);
  return `${place ? `${place}, ` : ''}ngày ${t.day} tháng ${t.month} năm ${t.year}`;
}

/**
 * The header of a Party document: top left the superior body in capitals and the issuing body in bold
 * capitals with a star beneath, then the number; top right ĐẢNG CỘNG SẢN VIỆT NAM, bold and underlined,
 * and the place and date in italics.
 */
export function partyHeader(what: { superiorBody: string | null; issuingBody: string; number: string | null; place: string; dateIso: string }): PartyDocumentModel['header'] {
  const upper = (text: string) => text.toLocaleUpperCase('vi');
  return {
    leftWidthPercent: 45,
    left: [
      ...(what.superiorBody ? [paragraph([{ text: upper(what.superiorBody) }], 'center')] : []),
      paragraph([{ text: upper(what.issuingBody), bold: true }], 'center'),
      paragraph('*', 'center'),
      ...(what.number ? [paragraph(`Số ${what.number}`, 'center', { spaceBeforePt: 2 })] : []),
    ],
    right: [
      paragraph([{ text: PARTY_NAME, bold: true, underline: true, sizePt: PARTY_SIZES.party }], 'center', { spaceAfterPt: 12 }),
      paragraph([{ text: placeAndDateLine(what.place, what.dateIso), italics: true }], 'center'),
    ],
  };
}
