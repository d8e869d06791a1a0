import type { DocumentParagraph, DocumentRun, PartyDocumentModel } from '@hoinghi/domain';

// A Party document model as the HTML page Chromium prints to PDF. Times New Roman is asked for first;
// where it is not installed, fontconfig gives its metric-compatible twin with full Vietnamese coverage,
// Liberation Serif (Debian fonts-liberation), or TeX Gyre Termes. The page, the page numbers (top centre,
// none on the first page) and the footer are CSS page rules with margin boxes, which Chromium prints:
// its own header and footer templates cannot leave out the first page's number.

const FONTS = `'Times New Roman', 'Liberation Serif', 'TeX Gyre Termes', serif`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A CSS string (for `content:`), safe inside a <style> element. */
const cssString = (text: string) => `"${text.replace(/[\\"<>]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `).replace(/\s+/g, ' ')}"`;

/** Words with a hyphen (numbers and symbols such as 125-QĐ/TU, 01-BB/BTCTU) are never broken across lines. */
const keepCodesWhole = (html: string) => html.replace(/[^\s<>]+-[^\s<>]+/g, (word) => `<span style="white-space:nowrap">${word}</span>`);

function run(model: PartyDocumentModel, r: DocumentRun): string {
  const style = [
    r.bold ? 'font-weight:bold' : '', r.italics ? 'font-style:italic' : '', r.underline ? 'text-decoration:underline' : '',
    r.sizePt && r.sizePt !== model.bodySizePt ? `font-size:${r.sizePt}pt` : '',
  ].filter(Boolean).join(';');
  const text = keepCodesWhole(escapeHtml(r.text));
  return style ? `<span style="${style}">${text}</span>` : text;
}

function paragraph(model: PartyDocumentModel, p: DocumentParagraph): string {
  const style = [
    `text-align:${p.align}`, p.indent ? 'text-indent:10mm' : '', `margin:${p.spaceBeforePt ?? 0}pt 0 ${p.spaceAfterPt ?? 3}pt 0`,
    p.keepWithNext ? 'break-after:avoid' : '',
  ].filter(Boolean).join(';');
  return `<p style="${style}">${p.runs.map((r) => run(model, r)).join('') || '&nbsp;'}</p>`;
}

const block = (model: PartyDocumentModel, ps: DocumentParagraph[]) => ps.map((p) => paragraph(model, p)).join('\n');

/** The page: size and margins, the page number from the second page, the footer on every page. */
function pageRules(model: PartyDocumentModel): string {
  const { widthMm, heightMm, marginsMm: m } = model.page;
  return `@page {
    size: ${widthMm}mm ${heightMm}mm;
    margin: ${m.top}mm ${m.right}mm ${m.bottom}mm ${m.left}mm;
    @top-center { content: counter(page); font-family: ${FONTS}; font-size: ${model.pageNumbers.sizePt}pt; vertical-align: middle; }
    @bottom-left { content: ${cssString(model.footer.text)}; font-family: ${FONTS}; font-size: ${model.footer.sizePt}pt; vertical-align: middle; width: 100%; }
  }
  @page :first { @top-center { content: none; } }`;
}

export function partyDocumentHtml(model: PartyDocumentModel): string {
  const width = Math.floor(100 / Math.max(1, model.signatures.length));
  return `<!doctype html>
<html lang="${model.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title)}</title>
<meta name="author" content="${escapeHtml(model.author)}">
<style>
  ${pageRules(model)}
  html, body { margin: 0; padding: 0; }
  body { font-family: ${FONTS}; font-size: ${model.bodySizePt}pt; line-height: ${model.lineSpacing}; color: #000; }
  table.columns { width: 100%; border-collapse: collapse; table-layout: fixed; }
  table.columns td { vertical-align: top; padding: 0; }
  table.signatures { margin-top: 12pt; break-inside: avoid; }
</style>
</head>
<body>
<table class="columns header"><tr>
  <td style="width:${model.header.leftWidthPercent}%">${block(model, model.header.left)}</td>
  <td>${block(model, model.header.right)}</td>
</tr></table>
${block(model, model.heading)}
${block(model, model.body)}
<table class="columns signatures"><tr>
${model.signatures.map((s) => `  <td style="width:${width}%">${block(model, s)}</td>`).join('\n')}
</tr></table>
</body>
</html>`;
}
