import type { DocumentAlign, DocumentParagraph, PartyDocumentModel } from '@hoinghi/domain';
import {
  AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Footer, Header, Packer, PageNumber, Paragraph, Table, TableCell, TableRow, TextRun,
  UnderlineType, WidthType,
} from 'docx';

// A Party document model (libs/domain party-document) as a .docx: every text, size and style comes
// from the model, which the PDF is printed from too.

const ALIGN: Record<DocumentAlign, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED,
};
/** docx sizes are half-points, spacing twentieths of a point. */
const halfPoints = (pt: number) => pt * 2;
const twips = (pt: number) => pt * 20;
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

function paragraphOf(model: PartyDocumentModel, p: DocumentParagraph): Paragraph {
  return new Paragraph({
    alignment: ALIGN[p.align],
    keepNext: p.keepWithNext,
    spacing: { before: twips(p.spaceBeforePt ?? 0), after: twips(p.spaceAfterPt ?? 3), line: Math.round(240 * model.lineSpacing) },
    indent: p.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    children: p.runs.map((r) => new TextRun({
      text: r.text, bold: r.bold, italics: r.italics, font: model.fontFamily, size: halfPoints(r.sizePt ?? model.bodySizePt),
      underline: r.underline ? { type: UnderlineType.SINGLE } : undefined,
    })),
  });
}

/** Blocks side by side, without borders (the header, the signatures). */
function columns(model: PartyDocumentModel, blocks: DocumentParagraph[][], widths: number[]): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
    rows: [new TableRow({
      cantSplit: true,
      children: blocks.map((block, i) => new TableCell({
        width: { size: widths[i], type: WidthType.PERCENTAGE }, borders: NO_BORDERS, children: block.map((p) => paragraphOf(model, p)),
      })),
    })],
  });
}

export async function renderPartyDocx(model: PartyDocumentModel): Promise<Buffer> {
  const { page } = model;
  const mm = page.marginsMm;
  const footer = () => new Footer({
    children: [new Paragraph({
      alignment: AlignmentType.LEFT,
      children: [new TextRun({ text: model.footer.text, font: model.fontFamily, size: halfPoints(model.footer.sizePt) })],
    })],
  });
  // The page number centred at the top from the second page on: the first page has a header of its own (titlePage), empty.
  const pageNumber = new Header({
    children: [new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: [PageNumber.CURRENT], font: model.fontFamily, size: halfPoints(model.pageNumbers.sizePt) })],
    })],
  });
  const signatureWidth = Math.floor(100 / Math.max(1, model.signatures.length));
  const document = new Document({
    creator: model.author, title: model.title,
    styles: { default: { document: { run: { font: model.fontFamily, size: halfPoints(model.bodySizePt) } } } },
    sections: [{
      properties: {
        titlePage: true,
        page: {
          size: { width: convertMillimetersToTwip(page.widthMm), height: convertMillimetersToTwip(page.heightMm) },
          margin: {
            top: convertMillimetersToTwip(mm.top), bottom: convertMillimetersToTwip(mm.bottom),
            left: convertMillimetersToTwip(mm.left), right: convertMillimetersToTwip(mm.right), header: convertMillimetersToTwip(10), footer: convertMillimetersToTwip(8),
          },
        },
      },
      headers: { default: pageNumber, first: new Header({ children: [new Paragraph({})] }) },
      footers: { default: footer(), first: footer() },
      children: [
        columns(model, [model.header.left, model.header.right], [model.header.leftWidthPercent, 100 - model.header.leftWidthPercent]),
        ...model.heading.map((p) => paragraphOf(model, p)),
        ...model.body.map((p) => paragraphOf(model, p)),
        new Paragraph({ text: '', spacing: { after: twips(12) } }),
        columns(model, model.signatures, model.signatures.map(() => signatureWidth)),
      ],
    }],
  });
  return Packer.toBuffer(document);
}
