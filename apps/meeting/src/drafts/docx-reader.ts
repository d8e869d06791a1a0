import { invalid, type DraftBlock } from '@hoinghi/domain';
import * as mammoth from 'mammoth';

/**
 * A Word document as the blocks the section splitter reads. mammoth (maintained, pure JavaScript, no
 * office suite needed) turns the .docx into plain semantic HTML — Word heading styles as h1–h6,
 * automatic lists as ol/ul, tables — which is small and regular enough to walk here.
 */
export async function readDocx(file: Buffer): Promise<DraftBlock[]> {
  // A .docx is a zip: refuse anything else before handing it to the parser.
  if (file.length < 4 || file.readUInt32LE(0) !== 0x04034b50) {
    throw invalid('DRAFT_FILE_INVALID', 'is not a Word document (.docx)', 'file');
  }
  let html: string;
  try {
    // Word's Title style heads many drafts; mammoth maps only the Heading styles by itself.
    html = (await mammoth.convertToHtml({ buffer: file }, { styleMap: ["p[style-name='Title'] => h1:fresh"] })).value;
  } catch (error) {
    throw invalid('DRAFT_FILE_INVALID', `cannot be read as a Word document (${(error as Error).message.slice(0, 120)})`, 'file');
  }
  return blocksFromHtml(html);
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };
const decode = (text: string) =>
  text.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
    if (name[0] === '#') return String.fromCodePoint(name[1].toLowerCase() === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    return ENTITIES[name] ?? whole;
  });

/** mammoth's HTML (p, h1–h6, ol, ul, li, table, tr, td/th and inline tags) as blocks. */
export function blocksFromHtml(html: string): DraftBlock[] {
  const blocks: DraftBlock[] = [];
  const lists: Array<{ ordered: boolean; count: number }> = [];
  let table: string[][] | null = null;
  let text = '';
  let current: 'p' | 'h' | 'li' | 'cell' | null = null;
  let headingLevel = 0;

  const flush = () => {
    const content = decode(text).replace(/\s+/g, ' ').trim();
    text = '';
    if (!current) return;
    if (current === 'cell') {
      const row = table?.[table.length - 1];
      if (row) row[row.length - 1] = [row[row.length - 1], content].filter(Boolean).join(' ');
    } else if (content) {
      if (current === 'h') blocks.push({ kind: 'heading', level: headingLevel, text: content });
      else if (current === 'li') {
        const list = lists[lists.length - 1];
        blocks.push({ kind: 'list-item', ordered: list?.ordered ?? false, depth: Math.max(0, lists.length - 1), index: list?.count ?? 1, text: content });
      } else blocks.push({ kind: 'paragraph', text: content });
    }
  };

  for (const token of html.split(/(<[^>]+>)/)) {
    const tag = /^<(\/?)([a-z0-9]+)/i.exec(token);
    if (!tag) {
      text += token;
      continue;
    }
    const [, closing, rawName] = tag;
    const name = rawName.toLowerCase();
    if (name === 'table' && !closing) table = [];
    else if (name === 'table' && closing) {
      if (table?.length) blocks.push({ kind: 'table', rows: table });
      table = null;
    } else if (name === 'tr' && !closing) table?.push([]);
    else if ((name === 'td' || name === 'th') && !closing) {
      table?.[table.length - 1]?.push('');
      current = 'cell';
    } else if (table) {
      if (name === 'p' && closing) flush(); // paragraphs inside a cell join the cell's text
    } else if ((name === 'ol' || name === 'ul') && !closing) {
      flush();
      lists.push({ ordered: name === 'ol', count: 0 });
    } else if ((name === 'ol' || name === 'ul') && closing) {
      flush();
      lists.pop();
      current = lists.length ? 'li' : null;
    } else if (name === 'li' && !closing) {
      flush();
      lists[lists.length - 1].count += 1;
      current = 'li';
    } else if (name === 'li' && closing) {
      flush();
      current = null;
    } else if (/^h[1-6]$/.test(name)) {
      flush();
      current = closing ? null : 'h';
      headingLevel = Number(name[1]);
    } else if (name === 'p') {
      if (current === 'li' && !closing) continue; // a paragraph inside a list item is its text
      flush();
      current = closing ? null : 'p';
    } else if (name === 'br') text += ' ';
  }
  flush();
  return blocks;
}
