import { blocksFromText, DraftBlock, diffSections, splitIntoSections } from './draft-sections';

const outline = (blocks: DraftBlock[]) =>
  splitIntoSections(blocks).map((s) => `${'  '.repeat(s.level)}${[s.label, s.heading, s.text && `:: ${s.text}`].filter(Boolean).join(' ')}`);

describe('splitIntoSections', () => {
  it('follows a regulation: chapters, articles, numbered and lettered points, keeping their numbers', () => {
    const text = [
      'QUY ĐỊNH về công tác kết nạp đảng viên',
      'Chương I',
      'QUY ĐỊNH CHUNG',
      'Điều 1. Phạm vi điều chỉnh',
      'Quy định này áp dụng đối với các tổ chức cơ sở đảng.',
      'Điều 2. Đối tượng áp dụng',
      '1. Chi bộ cơ sở.',
      '2. Đảng bộ bộ phận:',
      'a) Trực thuộc đảng ủy cơ sở;',
      'đ) Trực thuộc đảng ủy cấp trên.',
      'Chương II - TỔ CHỨC THỰC HIỆN',
      'Điều 3. Hiệu lực thi hành',
    ].join('\n');
    expect(outline(blocksFromText(text))).toEqual([
      ':: QUY ĐỊNH về công tác kết nạp đảng viên',
      '    Chương I QUY ĐỊNH CHUNG',
      '          Điều 1. Phạm vi điều chỉnh :: Quy định này áp dụng đối với các tổ chức cơ sở đảng.',
      '          Điều 2. Đối tượng áp dụng',
      '            1. :: Chi bộ cơ sở.',
      '            2. :: Đảng bộ bộ phận:',
      '                a) :: Trực thuộc đảng ủy cơ sở;',
      '                đ) :: Trực thuộc đảng ủy cấp trên.',
      '    Chương II - TỔ CHỨC THỰC HIỆN',
      '          Điều 3. Hiệu lực thi hành',
    ]);
  });

  it('nests points under their article and articles under their chapter', () => {
    const sections = splitIntoSections(blocksFromText('Chương I\nĐiều 1. A\n1. một\na) ý a\nĐiều 2. B'));
    const byLabel = new Map(sections.map((s) => [s.label, s]));
    expect(byLabel.get('Điều 1.')!.parentPosition).toBe(byLabel.get('Chương I')!.position);
    expect(byLabel.get('1.')!.parentPosition).toBe(byLabel.get('Điều 1.')!.position);
    expect(byLabel.get('a)')!.parentPosition).toBe(byLabel.get('1.')!.position);
    expect(byLabel.get('Điều 2.')!.parentPosition).toBe(byLabel.get('Chương I')!.position);
  });

  it('follows a report: parts, Roman-numbered headings, numbered points', () => {
    const text = 'PHẦN THỨ NHẤT\nĐÁNH GIÁ\nI. KẾT QUẢ ĐẠT ĐƯỢC\n1. Về công tác tổ chức\nNội dung.\nII. HẠN CHẾ\nPhần thứ tư: Kiến nghị';
    expect(outline(blocksFromText(text))).toEqual([
      '  PHẦN THỨ NHẤT ĐÁNH GIÁ',
      '        I. KẾT QUẢ ĐẠT ĐƯỢC',
      '            1. :: Về công tác tổ chức\nNội dung.',
      '        II. HẠN CHẾ',
      '  Phần thứ tư Kiến nghị',
    ]);
  });

  it("numbers Word's automatic lists by their place, letters nested ones, and keeps tables and bullets as text", () => {
    const blocks: DraftBlock[] = [
      { kind: 'heading', level: 1, text: 'Kế hoạch kết nạp đảng viên' },
      { kind: 'paragraph', text: 'Mục tiêu:' },
      { kind: 'list-item', ordered: true, depth: 0, index: 1, text: 'Kết nạp 5.000 đảng viên' },
      { kind: 'list-item', ordered: true, depth: 1, index: 1, text: 'trong đó nữ 40%' },
      { kind: 'list-item', ordered: true, depth: 0, index: 2, text: 'Tỷ lệ đảng viên trên 4% dân số' },
      { kind: 'list-item', ordered: false, depth: 1, index: 1, text: 'đến năm 2025' },
      { kind: 'table', rows: [['Năm', 'Chỉ tiêu'], ['2024', '2.500']] },
    ];
    expect(outline(blocks)).toEqual([
      '  Kế hoạch kết nạp đảng viên :: Mục tiêu:',
      '            1. :: Kết nạp 5.000 đảng viên',
      '                a) :: trong đó nữ 40%',
      '            2. :: Tỷ lệ đảng viên trên 4% dân số\n– đến năm 2025\nNăm | Chỉ tiêu\n2024 | 2.500',
    ]);
  });

  it('does not take numbers, dates or initials inside a sentence for markers', () => {
    const text = 'Năm 2025 có 3.400 điểm cầu.\nA. Nguyễn Văn chủ trì\n12/2025 hoàn thành';
    expect(splitIntoSections(blocksFromText(text))).toEqual([
      { position: 1, label: '', heading: '', level: 0, parentPosition: null, text: 'Năm 2025 có 3.400 điểm cầu.\nA. Nguyễn Văn chủ trì\n12/2025 hoàn thành' },
    ]);
  });

  it('gives an empty document no sections', () => {
    expect(splitIntoSections(blocksFromText(' \n\n'))).toEqual([]);
  });
});

describe('diffSections', () => {
  it('matches sections by their place in the outline and says what changed, came or went', () => {
    const before = splitIntoSections(blocksFromText('Điều 1. A\nnội dung một\nĐiều 2. B\nnội dung hai\nĐiều 3. C'));
    const after = splitIntoSections(blocksFromText('Điều 1. A\nnội dung một\nĐiều 2. B\nnội dung hai, đã sửa\nĐiều 4. D'));
    expect(diffSections(before, after).map((d) => `${d.change}:${('after' in d ? d.after : d.before).label}`)).toEqual([
      'unchanged:Điều 1.', 'changed:Điều 2.', 'added:Điều 4.', 'removed:Điều 3.',
    ]);
  });
});
