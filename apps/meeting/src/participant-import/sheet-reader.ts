import { IMPORT_MAX_ROWS, invalid, type SheetRow } from '@hoinghi/domain';
import ExcelJS from 'exceljs';

// A participant list as rows of cell text, from the two formats organisers keep them in: an Excel
// workbook (.xlsx, its first sheet with content) or a CSV as Excel saves it ("CSV UTF-8": a byte-order
// mark, `;` between cells on Vietnamese Windows, `,` elsewhere; quoted cells with `""` for a quote).

export const IMPORT_FILE_MAX_BYTES = 5 * 1024 * 1024;

const isZip = (file: Buffer) => file.length >= 4 && file.readUInt32LE(0) === 0x04034b50;

export async function readSheet(file: Buffer, fileName: string): Promise<SheetRow[]> {
  const rows = isZip(file) ? await readXlsx(file) : readCsv(file, fileName);
  if (rows.length > IMPORT_MAX_ROWS + 20) throw invalid('IMPORT_FILE_INVALID', `has more than ${IMPORT_MAX_ROWS} rows`, 'file');
  return rows;
}

async function readXlsx(file: Buffer): Promise<SheetRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch (error) {
    throw invalid('IMPORT_FILE_INVALID', `cannot be read as an Excel workbook (.xlsx): ${(error as Error).message.slice(0, 120)}`, 'file');
  }
  const sheet = workbook.worksheets.find((s) => s.actualRowCount > 0);
  if (!sheet) throw invalid('IMPORT_FILE_INVALID', 'has no sheet with rows', 'file');
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      cells[column - 1] = cellText(cell.value);
    });
    rows.push({ row: rowNumber, cells: Array.from(cells, (c) => c ?? '') });
  });
  return rows;
}

/** What a cell shows, as text: rich text joined, formulas by their result, dates as dd/mm/yyyy. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toLocaleDateString('vi-VN', { timeZone: 'UTC' });
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText((value.result ?? '') as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value).trim();
}

/** CSV per RFC 4180 with Excel's habits: BOM, `;`/`,`/tab separators (guessed from the first line), CRLF, quoted newlines. */
export function readCsv(file: Buffer, fileName = 'list.csv'): SheetRow[] {
  let text = file.toString('utf8');
  if (text.includes('\uFFFD')) {
    throw invalid('IMPORT_FILE_INVALID', `${fileName} is not UTF-8 text: in Excel, save it as "CSV UTF-8" or as .xlsx`, 'file');
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.includes('\u0000')) throw invalid('IMPORT_FILE_INVALID', 'is neither an .xlsx workbook nor CSV text', 'file');
  const separator = guessSeparator(text);
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endCell = () => {
    cells.push(cell.trim());
    cell = '';
  };
  const endRow = () => {
    endCell();
    if (cells.some((c) => c !== '')) rows.push({ row: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === separator) endCell();
    else if (ch === '\r' && text[i + 1] === '\n') continue;
    else if (ch === '\n' || ch === '\r') {
      endRow();
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (quoted) throw invalid('IMPORT_FILE_INVALID', `has a quote opened on line ${rowStart} that never closes`, 'file');
  if (cell !== '' || cells.length) endRow();
  return rows;
}

/** The separator that splits the busiest of the first lines most (a title line above the header may have none). */
function guessSeparator(text: string): string {
  const lines = text.split(/\r?\n/, 20).map((l) => l.replace(/"[^"]*"/g, ''));
  const count = (c: string) => Math.max(...lines.map((l) => l.split(c).length - 1));
  return [';', ',', '\t'].reduce((best, c) => (count(c) > count(best) ? c : best), ';');
}
