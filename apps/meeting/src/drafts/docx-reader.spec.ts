import { blocksFromHtml } from './docx-reader';

describe('blocksFromHtml (mammoth output)', () => {
  it('reads headings, paragraphs, nested automatic lists, tables and entities', () => {
    const html = '<h1>QUY ĐỊNH</h1><p>Điều 1. Phạm vi &amp; đối tượng</p>'
      + '<ol><li>Chi bộ<ol><li>trực thuộc</li><li>cơ sở</li></ol></li><li>Đảng bộ</li></ol>'
      + '<ul><li>gạch đầu dòng</li></ul>'
      + '<table><tr><td><p>Năm</p></td><td><p>Chỉ</p><p>tiêu</p></td></tr><tr><td><p>2025</p></td><td><p>4%</p></td></tr></table>'
      + '<p>Hết<br />văn bản</p>';
    expect(blocksFromHtml(html)).toEqual([
      { kind: 'heading', level: 1, text: 'QUY ĐỊNH' },
      { kind: 'paragraph', text: 'Điều 1. Phạm vi & đối tượng' },
      { kind: 'list-item', ordered: true, depth: 0, index: 1, text: 'Chi bộ' },
      { kind: 'list-item', ordered: true, depth: 1, index: 1, text: 'trực thuộc' },
      { kind: 'list-item', ordered: true, depth: 1, index: 2, text: 'cơ sở' },
      { kind: 'list-item', ordered: true, depth: 0, index: 2, text: 'Đảng bộ' },
      { kind: 'list-item', ordered: false, depth: 0, index: 1, text: 'gạch đầu dòng' },
      { kind: 'table', rows: [['Năm', 'Chỉ tiêu'], ['2025', '4%']] },
      { kind: 'paragraph', text: 'Hết văn bản' },
    ]);
  });
});
