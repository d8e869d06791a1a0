import type { ConsolidationReportView, Disposition, ReportPoint } from '@hoinghi/contracts';
import {
  AlignmentType, BorderStyle, convertMillimetersToTwip, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, UnderlineType,
  WidthType,
} from 'docx';

// The consolidation report as a Party document (Hướng dẫn 36-HD/VPTW): A4, Times New Roman; top left the
// superior body (capitals) and the issuing body (bold capitals) with a star beneath; top right ĐẢNG CỘNG
// SẢN VIỆT NAM (bold, underlined) and the place and date in italics; the type of document centred in bold
// capitals, the subject line bold, the body in 14 pt.

const DISPOSITION_VI: Record<Disposition, string> = {
  accepted: 'Tiếp thu',
  partly_accepted: 'Tiếp thu một phần',
  explained: 'Giải trình (không tiếp thu)',
};

/** docx sizes are half-points. */
const pt = (points: number) => points * 2;
const A4 = { width: 11906, height: 16838 };
const MARGINS = { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) };
const NO_BORDER = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const NO_BORDERS = { top: NO_BORDER, bottom: NO_BORDER, left: NO_BORDER, right: NO_BORDER, insideHorizontal: NO_BORDER, insideVertical: NO_BORDER };

type Run = { text: string; bold?: boolean; italics?: boolean; size?: number; underline?: boolean };

function line(runs: Run[] | string, options: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; after?: number; indent?: boolean } = {}): Paragraph {
  const list = typeof runs === 'string' ? [{ text: runs }] : runs;
  return new Paragraph({
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: options.after ?? 80, line: 300 },
    indent: options.indent ? { firstLine: convertMillimetersToTwip(10) } : undefined,
    children: list.map((r) => new TextRun({
      text: r.text, bold: r.bold, italics: r.italics, size: pt(r.size ?? 14), font: 'Times New Roman',
      underline: r.underline ? { type: UnderlineType.SINGLE } : undefined,
    })),
  });
}

/** "Đồng Tháp, ngày 01 tháng 12 năm 2026", in Vietnam's time. */
export function placeAndDate(place: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).formatToParts(at);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${place ? `${place}, ` : ''}ngày ${part('day')} tháng ${part('month')} năm ${part('year')}`;
}

function header(report: ConsolidationReportView): Table {
  const cell = (children: Paragraph[], width: number) => new TableCell({ children, width: { size: width, type: WidthType.PERCENTAGE }, borders: NO_BORDERS });
  const center = AlignmentType.CENTER;
  const left = [
    ...(report.superiorBody ? [line([{ text: report.superiorBody.toUpperCase() }], { align: center, after: 0 })] : []),
    line([{ text: report.issuingBody.toUpperCase(), bold: true }], { align: center, after: 0 }),
    line('*', { align: center, after: 0 }),
  ];
  const right = [
    line([{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, size: 15, underline: true }], { align: center, after: 120 }),
    line([{ text: placeAndDate(report.place, new Date(report.generatedAt)), italics: true }], { align: center, after: 0 }),
  ];
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE }, borders: NO_BORDERS,
    rows: [new TableRow({ children: [cell(left, 45), cell(right, 55)] })],
  });
}

function point(p: ReportPoint, n: number): Paragraph[] {
  const sites = p.sites.map((s) => s.name).join(', ');
  const delegates = p.delegates.join(', ');
  return [
    line([{ text: `${n}. ${p.summary}`, bold: true }], { indent: true }),
    line(`- Số ý kiến: ${p.commentCount}; số điểm cầu: ${p.sites.length}${sites ? ` (${sites})` : ''}; số đại biểu: ${p.delegates.length}${delegates ? ` (${delegates})` : ''}.`, { indent: true }),
    ...p.comments.map((c) => line(`+ ${c.who}${c.siteName && c.siteName !== c.who ? ` (${c.siteName})` : ''}: “${c.text}”${c.proposal ? ` Đề nghị sửa thành: “${c.proposal}”` : ''}`, { indent: true })),
    line([{ text: '- Hướng xử lý: ', bold: true }, { text: p.disposition ? DISPOSITION_VI[p.disposition] : 'Chưa xử lý' }, ...(p.absorbedInVersion ? [{ text: ` (đã thể hiện trong dự thảo lần ${p.absorbedInVersion})` }] : []), { text: '.' }], { indent: true }),
    ...(p.response ? [line([{ text: '- Giải trình, trả lời: ', bold: true }, { text: p.response }], { indent: true })] : []),
  ];
}

/** The consolidation report of one draft as a .docx. */
export async function renderConsolidationReport(report: ConsolidationReportView): Promise<Buffer> {
  const t = report.totals;
  const body: Paragraph[] = [];
  body.push(line([{ text: 'I. TỔNG QUAN', bold: true }], { indent: true }));
  body.push(line(`Tại ${report.conferenceTitle}, đã nhận ${t.comments} ý kiến góp ý đối với dự thảo (phiên bản ${report.version}) của ${t.sites} điểm cầu và ${t.delegates} đại biểu; đã tổng hợp ${t.consolidated} ý kiến thành ${t.points} nội dung: tiếp thu ${t.byDisposition.accepted}, tiếp thu một phần ${t.byDisposition.partly_accepted}, giải trình ${t.byDisposition.explained}, chưa xử lý ${t.byDisposition.pending}.`, { indent: true }));
  body.push(line([{ text: 'II. TỔNG HỢP, TIẾP THU, GIẢI TRÌNH Ý KIẾN', bold: true }], { indent: true }));
  let n = 0;
  for (const section of report.sections) {
    const title = section.sectionId === null ? 'Ý kiến chung về dự thảo' : [section.label, section.heading].filter(Boolean).join(' ');
    body.push(line([{ text: title, bold: true, italics: true }], { indent: true }));
    for (const p of section.points) body.push(...point(p, ++n));
  }
  if (n === 0) body.push(line('Chưa có nội dung nào được tổng hợp.', { indent: true }));

  const document = new Document({
    creator: report.issuingBody, title: `Báo cáo tổng hợp ý kiến: ${report.title}`,
    styles: { default: { document: { run: { font: 'Times New Roman', size: pt(14) } } } },
    sections: [{
      properties: { page: { size: A4, margin: MARGINS } },
      children: [
        header(report),
        line('', { after: 240 }),
        line([{ text: 'BÁO CÁO', bold: true, size: 16 }], { align: AlignmentType.CENTER, after: 0 }),
        line([{ text: `Tổng hợp, tiếp thu, giải trình ý kiến góp ý đối với ${report.title}`, bold: true }], { align: AlignmentType.CENTER, after: 0 }),
        line('-----', { align: AlignmentType.CENTER, after: 240 }),
        ...body,
      ],
    }],
  });
  return Packer.toBuffer(document);
}
