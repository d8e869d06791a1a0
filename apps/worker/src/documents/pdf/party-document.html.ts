import type { DocumentParagraph, DocumentRun, PartyDocumentModel } from '@hoinghi/domain';

// A Party document model as the HTML page Chromium prints to PDF, and its footer. Times New Roman is
// asked for first; where it is not installed, fontconfig gives its metric-compatible twin with full
// Vietnamese coverage, Liberation Serif (Debian fonts-liberation), or TeX Gyre Termes.

const FONTS = `'Times New Roman', 'Liberation Serif', 'TeX Gyre Termes', serif`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

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

export function partyDocumentHtml(model: PartyDocumentModel): string {
  const width = Math.floor(100 / Math.max(1, model.signatures.length));
  return `<!doctype html>
<html lang="${model.language}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(model.title)}</title>
<meta name="author" content="${escapeHtml(model.author)}">
<style>
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

/** Chromium's footer template: drawn in the bottom margin of every page, with the page number. */
export function partyDocumentFooter(model: PartyDocumentModel): string {
  const { left, right } = model.page.marginsMm;
  return `<div style="font-family:${FONTS};font-size:${model.footer.sizePt}pt;width:100%;margin:0 ${right}mm 0 ${left}mm;display:flex;justify-content:space-between;gap:4mm;color:#000">`
    + `<span>${escapeHtml(model.footer.text)}</span>`
    + `<span style="white-space:nowrap">Trang <span class="pageNumber"></span>/<span class="totalPages"></span></span></div>`;
}
