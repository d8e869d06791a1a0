import { minutesDocument } from './minutes-document';
import { paragraphText, placeAndDateLine, type PartyDocumentModel } from './party-document';
import { minutesContent as content, SAMPLE_HASH as HASH } from './testing/minutes-content';

const texts = (ps: PartyDocumentModel['body']) => ps.map(paragraphText);

describe('the minutes as a Party document', () => {
  const doc = minutesDocument(content(), HASH);

  it('has the Party header: the superior body in capitals, the issuing body bold with a star, the number; the Party underlined, place and date in italics', () => {
    expect(doc.header.left.map((p) => p.runs)).toEqual([
      [{ text: 'TỈNH ỦY ĐỒNG THÁP' }],
      [{ text: 'BAN TỔ CHỨC TỈNH ỦY', bold: true }],
      [{ text: '*' }],
      [{ text: 'Số 01-BB/BTCTU' }],
    ]);
    expect(doc.header.right[0].runs).toEqual([{ text: 'ĐẢNG CỘNG SẢN VIỆT NAM', bold: true, underline: true, sizePt: 15 }]);
    // The conference's day in Vietnam's time (UTC+7).
    expect(doc.header.right[1].runs).toEqual([{ text: 'Đồng Tháp, ngày 01 tháng 12 năm 2026', italics: true }]);
    expect(doc.page).toEqual({ widthMm: 210, heightMm: 297, marginsMm: { top: 20, bottom: 20, left: 30, right: 15 } });
    expect(doc.bodySizePt).toBe(14);
  });

  it('is titled BIÊN BẢN (16, bold) with the conference as its subject line (bold)', () => {
    expect(doc.heading[0].runs).toEqual([{ text: 'BIÊN BẢN', bold: true, sizePt: 16 }]);
    expect(doc.heading[1].runs).toEqual([{ text: 'Hội nghị trực tuyến góp ý các dự thảo văn kiện', bold: true }]);
  });

  it('says the opening, the attendance with each absentee and reason, the items in agenda order, the drafts and the closing', () => {
    expect(texts(doc.body)).toEqual([
      'Vào lúc 08 giờ 05 phút, ngày 01 tháng 12 năm 2026, tại Hội trường Tỉnh ủy (điểm cầu chính), kết nối trực tuyến với 2 điểm cầu: '
        + 'Điểm cầu Thành phố Sa Đéc, Điểm cầu Huyện Lai Vung, Ban Tổ chức Tỉnh ủy tổ chức Hội nghị trực tuyến góp ý các dự thảo văn kiện.',
      'Chủ trì hội nghị: Đồng chí Lê Quốc Phong, đồng chí Phan Văn Thắng.',
      'Thư ký (người ghi biên bản): Đồng chí Trần Thị Bích.',
      'Tài liệu hội nghị: Dự thảo Báo cáo chính trị (dự thảo lần 2).',
      'I. THÀNH PHẦN THAM DỰ',
      'Tổng số đại biểu được triệu tập: 3; có mặt: 2 (trong đó đến muộn: 1); vắng mặt: 1.',
      'Khi khai mạc hội nghị: có mặt 2/3 đại biểu được triệu tập, đủ số lượng theo quy định.',
      '- Hội trường Tỉnh ủy: có mặt 1/1 đại biểu.',
      '- Điểm cầu Thành phố Sa Đéc: có mặt 1/2 đại biểu; vắng mặt: đồng chí Lê Thị Ửng (lý do: Đi công tác).',
      'Khách mời: đồng chí Võ Thành Hiếu (Hội trường Tỉnh ủy).',
      'II. NỘI DUNG HỘI NGHỊ',
      '1. Khai mạc',
      '2. Thảo luận',
      'Lúc 08 giờ 20 phút, chủ trì hội nghị cho hoãn nội dung này. Lý do: Chờ đại biểu Điểm cầu Huyện Lai Vung kết nối lại.',
      'Lúc 09 giờ 20 phút, chủ trì hội nghị cho thực hiện lại nội dung này. Lý do: Điểm cầu đã kết nối lại.',
      'Các đại biểu thảo luận.',
      'Thống nhất cao.',
      'Ý kiến phát biểu:',
      '- Đồng chí Nguyễn Văn Ấn (Điểm cầu Thành phố Sa Đéc): Đề nghị bổ sung chỉ tiêu.',
      'Biểu quyết: Thông qua chỉ tiêu kết nạp đảng viên. Hình thức: biểu quyết công khai; số phiếu thu về: 2; tỷ lệ tính trên tổng số đại biểu được triệu tập có quyền biểu quyết (3); yêu cầu quá một nửa (ít nhất 2 phiếu).',
      'Kết quả: Tán thành: 2 (66,67%); Không tán thành: 0 (0%); Không biểu quyết: 0 (0%). Thông qua.',
      'Kết luận: Giao Văn phòng tổng hợp.',
      'Giao nhiệm vụ:',
      '- Văn phòng Tỉnh ủy: Hoàn chỉnh dự thảo (thời hạn: 15/12/2026).',
      'Lúc 09 giờ 00 phút, hội nghị tạm dừng. Lý do: Nghỉ giải lao 15 phút.',
      'Lúc 09 giờ 15 phút, hội nghị tiếp tục.',
      'III. TỔNG HỢP Ý KIẾN GÓP Ý CÁC DỰ THẢO',
      '- Dự thảo Báo cáo chính trị (dự thảo lần 2): 14 ý kiến góp ý của 5 điểm cầu; tổng hợp thành 6 nội dung: tiếp thu 3, tiếp thu một phần 1, giải trình 1, chưa xử lý 1.',
      'Hội nghị kết thúc vào lúc 11 giờ 40 phút, ngày 01 tháng 12 năm 2026.',
      'Biên bản đã được chủ trì hội nghị thông qua và công bố ngày 01/12/2026.',
    ]);
  });

  it('states each vote under its item: the method, the counts with percentages of the base, the rule and the decision', () => {
    const body = texts(doc.body);
    const vote = body.findIndex((t) => t.startsWith('Biểu quyết: Thông qua chỉ tiêu kết nạp đảng viên.'));
    expect(body[vote]).toContain('Hình thức: biểu quyết công khai; số phiếu thu về: 2; tỷ lệ tính trên tổng số đại biểu được triệu tập có quyền biểu quyết (3); yêu cầu quá một nửa (ít nhất 2 phiếu).');
    expect(body[vote + 1]).toBe('Kết quả: Tán thành: 2 (66,67%); Không tán thành: 0 (0%); Không biểu quyết: 0 (0%). Thông qua.');
    expect(vote).toBeGreaterThan(body.findIndex((t) => t.startsWith('2. Thảo luận')));
    expect(vote).toBeLessThan(body.findIndex((t) => t.startsWith('Kết luận: Giao Văn phòng tổng hợp')));
  });

  it('is signed by the recorder and the chair who approved it, side by side; the footer carries the hash', () => {
    expect(doc.signatures.map((block) => block.map(paragraphText))).toEqual([
      ['THƯ KÝ HỘI NGHỊ', 'Trần Thị Bích'],
      ['CHỦ TRÌ HỘI NGHỊ', 'Lê Quốc Phong'],
    ]);
    expect(doc.footer.text).toBe(`Biên bản số 01-BB/BTCTU, phiên bản 1. Mã SHA-256 của bản đã công bố: ${HASH}`);
  });

  it('says what a correction corrects and why; a version published before the superior body, locality, guests and order of business were cited still renders', () => {
    const old = content({ version: 2, corrects: 1, correctionReason: 'Đồng chí Lê Thị Ửng đến muộn' });
    delete (old.facts as Partial<typeof old.facts>).superiorBody;
    delete (old.facts as Partial<typeof old.facts>).locality;
    delete (old.facts as Partial<typeof old.facts>).businessChanges;
    delete (old.facts.attendance as Partial<typeof old.facts.attendance>).guests;
    delete (old.facts.drafts[0] as Partial<typeof old.facts.drafts[0]>).byDisposition;
    const corrected = minutesDocument(old, HASH);
    expect(texts(corrected.body).at(-1)).toBe('Biên bản này (phiên bản 2) đính chính phiên bản 1. Lý do: Đồng chí Lê Thị Ửng đến muộn.');
    expect(corrected.header.left.map(paragraphText)).toEqual(['BAN TỔ CHỨC TỈNH ỦY', '*', 'Số 01-BB/BTCTU']);
    expect(texts(corrected.body)).toContain('- Dự thảo Báo cáo chính trị (dự thảo lần 2): 14 ý kiến góp ý của 5 điểm cầu.');
    expect(texts(corrected.body).some((t) => t.startsWith('Lúc '))).toBe(false);
    expect(paragraphText(corrected.header.right[1])).toBe('Ban Tổ chức Tỉnh ủy, ngày 01 tháng 12 năm 2026');
  });

  it('prints the chair\'s reason where the order of business changed, italic under the item', () => {
    const skipped = doc.body.find((p) => paragraphText(p).includes('cho hoãn nội dung này'))!;
    expect(skipped.runs.every((r) => r.italics)).toBe(true);
    // On another day than the conference's, the time says the date.
    const nextDay = minutesDocument(content({
      facts: { ...content().facts, businessChanges: [{ kind: 'item-reopened', at: '2026-12-02T01:00:00.000Z', agendaItemId: 'a1', reason: 'Bổ sung' }] },
    }), HASH);
    expect(texts(nextDay.body)).toContain('Lúc 08 giờ 00 phút, ngày 02 tháng 12 năm 2026, chủ trì hội nghị cho thực hiện lại nội dung này. Lý do: Bổ sung.');
  });

  it('says that a cancelled conference was not held, when it was cancelled and why, without attendance or proceedings', () => {
    const facts = {
      ...content().facts, startedAt: null, endedAt: null, votes: [], drafts: [],
      businessChanges: [{ kind: 'cancelled' as const, at: '2026-11-30T03:00:00.000Z', agendaItemId: null, reason: 'Hoãn theo chỉ đạo của Thường trực Tỉnh ủy' }],
    };
    const cancelled = minutesDocument(content({ facts, items: [] }), HASH);
    expect(texts(cancelled.body)).toEqual([
      'Hội nghị trực tuyến góp ý các dự thảo văn kiện do Ban Tổ chức Tỉnh ủy triệu tập, dự kiến tổ chức vào lúc 07 giờ 30 phút, ngày 01 tháng 12 năm 2026, '
        + 'tại Hội trường Tỉnh ủy (điểm cầu chính), kết nối trực tuyến với 2 điểm cầu: Điểm cầu Thành phố Sa Đéc, Điểm cầu Huyện Lai Vung, '
        + 'đã bị hủy vào lúc 10 giờ 00 phút, ngày 30 tháng 11 năm 2026. Lý do: Hoãn theo chỉ đạo của Thường trực Tỉnh ủy.',
      'Chủ trì hội nghị: Đồng chí Lê Quốc Phong, đồng chí Phan Văn Thắng.',
      'Thư ký (người ghi biên bản): Đồng chí Trần Thị Bích.',
      'Biên bản đã được chủ trì hội nghị thông qua và công bố ngày 01/12/2026.',
    ]);
  });

  it('numbers the pages at the top centre from the second page, in 14 pt', () => {
    expect(doc.pageNumbers).toEqual({ fromPage: 2, sizePt: 14 });
  });

  it('writes the date line in Vietnam’s time', () => {
    expect(placeAndDateLine('Đồng Tháp', '2026-12-31T18:00:00.000Z')).toBe('Đồng Tháp, ngày 01 tháng 01 năm 2027');
  });
});
