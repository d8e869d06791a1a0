import ExcelJS from 'exceljs';
import { ATTENDANCE_REPORT_COLUMNS, placeAndDateLine, worksheetName, type AttendanceReportSheet } from '@hoinghi/domain';

const WIDTHS = [6, 32, 18, 40, 18, 18];
const BORDER = { style: 'thin' } as const;

/** The attendance report as an .xlsx workbook: one worksheet per site, Times New Roman as Party documents use. */
export async function attendanceWorkbook(conference: { title: string; place: string }, sheets: AttendanceReportSheet[], at: Date): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'hoinghi';
  workbook.created = at;
  const taken = new Set<string>();
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(worksheetName(sheet.siteName, taken), { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = WIDTHS.map((width) => ({ width }));
    const line = (text: string, bold = false, size = 13) => {
      const row = ws.addRow([text]);
      ws.mergeCells(row.number, 1, row.number, WIDTHS.length);
      row.getCell(1).font = { name: 'Times New Roman', size, bold };
      row.getCell(1).alignment = { horizontal: 'center', wrapText: true };
    };
    line('BÁO CÁO ĐIỂM DANH', true, 15);
    line(conference.title, true);
    line(sheet.siteName);
    line(placeAndDateLine(conference.place, at.toISOString()));
    ws.addRow([]);
    const header = ws.addRow([...ATTENDANCE_REPORT_COLUMNS]);
    header.eachCell((cell) => {
      cell.font = { name: 'Times New Roman', size: 12, bold: true };
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEFEFEF' } };
    });
    for (const values of sheet.rows) ws.addRow(values.map((v, i) => (i === 0 ? Number(v) : v)));
    for (let r = header.number; r <= ws.rowCount; r++) {
      ws.getRow(r).eachCell({ includeEmpty: true }, (cell, c) => {
        if (c > WIDTHS.length) return;
        cell.border = { top: BORDER, left: BORDER, bottom: BORDER, right: BORDER };
        if (r > header.number) {
          cell.font = { name: 'Times New Roman', size: 12 };
          cell.alignment = { vertical: 'top', wrapText: true, horizontal: c === 1 ? 'center' : 'left' };
        }
      });
    }
    ws.views = [{ state: 'frozen', ySplit: header.number }];
    ws.addRow([]);
    const totals = ws.addRow([sheet.totals]);
    ws.mergeCells(totals.number, 1, totals.number, WIDTHS.length);
    totals.getCell(1).font = { name: 'Times New Roman', size: 12, bold: true };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
