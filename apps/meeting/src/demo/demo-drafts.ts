// The two drafts of the demo conference (seed 004), written as such drafts are: Roman-numbered parts,
// numbered points, the targets the conference adopted. Invented wording; real structure.

export const DEMO_DRAFTS = [
  {
    agendaTitle: 'Dự thảo Tờ trình và Kết luận của Ban Chấp hành Đảng bộ Tỉnh khóa XI',
    title: 'Dự thảo Kết luận của Ban Chấp hành Đảng bộ Tỉnh khóa XI về tiếp tục thực hiện Nghị quyết số 03-NQ/TU về nâng cao chất lượng hoạt động đảng bộ xã, phường, thị trấn',
    text: `KẾT LUẬN
của Ban Chấp hành Đảng bộ Tỉnh khóa XI về tiếp tục thực hiện Nghị quyết số 03-NQ/TU của Tỉnh ủy khóa X
I. TÌNH HÌNH VÀ KẾT QUẢ THỰC HIỆN
Qua 5 năm thực hiện Nghị quyết số 03-NQ/TU, phương thức lãnh đạo của cấp ủy cơ sở đã có bước đổi mới; năng lực lãnh đạo và sức chiến đấu của tổ chức cơ sở đảng được nâng lên.
1. Mô hình bí thư chi bộ đồng thời là trưởng ấp, khóm; phó bí thư chi bộ đồng thời là trưởng ban công tác mặt trận ấp, khóm được thực hiện nghiêm túc và phát huy hiệu quả.
2. Chất lượng sinh hoạt chi bộ được nâng lên theo Hướng dẫn số 22-HD/BTCTU ngày 01/02/2019 của Ban Tổ chức Tỉnh ủy.
II. HẠN CHẾ, NGUYÊN NHÂN
1. Một số cấp ủy cơ sở chưa chủ động đổi mới nội dung, phương thức lãnh đạo.
2. Nội dung sinh hoạt ở một số chi bộ còn đơn điệu, chưa thu hút đảng viên.
III. MỤC TIÊU, CHỈ TIÊU ĐẾN NĂM 2025
1. Hằng năm có 95% tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên.
2. Hằng năm có 70% ban công tác mặt trận, chi đoàn, chi hội, tổ nhân dân tự quản hoạt động từ khá trở lên.
3. Đến năm 2025, tỷ lệ đảng viên đạt trên 4% dân số.
IV. NHIỆM VỤ, GIẢI PHÁP
1. Tiếp tục đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh theo Chỉ thị số 05-CT/TW, gắn với việc làm cụ thể của chi bộ và đảng viên.
2. Thực hiện nghiêm các nguyên tắc tổ chức và hoạt động của Đảng; nâng cao chất lượng sinh hoạt chi bộ.
a) Đổi mới nội dung sinh hoạt chuyên đề hằng quý;
b) Tăng cường tự phê bình và phê bình trong sinh hoạt định kỳ.
3. Đổi mới phương thức lãnh đạo của đảng ủy xã, phường, thị trấn theo Hướng dẫn số 29-HD/BTCTU ngày 03/02/2020.
V. TỔ CHỨC THỰC HIỆN
1. Các huyện ủy, thành ủy, đảng ủy trực thuộc Tỉnh ủy quán triệt và xây dựng kế hoạch thực hiện Kết luận này.
2. Ban Tổ chức Tỉnh ủy chủ trì theo dõi, đôn đốc, định kỳ báo cáo Ban Thường vụ Tỉnh ủy.`,
  },
  {
    agendaTitle: 'Dự thảo Kế hoạch kết nạp đảng viên nhiệm kỳ 2020 - 2025',
    title: 'Dự thảo Kế hoạch kết nạp đảng viên nhiệm kỳ 2020 - 2025',
    text: `KẾ HOẠCH
kết nạp đảng viên nhiệm kỳ 2020 - 2025
I. MỤC ĐÍCH, YÊU CẦU
1. Nâng cao chất lượng công tác phát triển đảng viên, bảo đảm đúng quy trình, thủ tục.
2. Kết nạp đảng viên gắn với củng cố tổ chức cơ sở đảng, xóa ấp, khóm chưa có chi bộ.
II. CHỈ TIÊU
1. Đến năm 2025, tỷ lệ đảng viên đạt trên 4% dân số.
2. Hằng năm, mỗi chi bộ ấp, khóm kết nạp ít nhất 01 đảng viên.
III. GIẢI PHÁP
1. Tạo nguồn kết nạp đảng viên từ đoàn viên ưu tú, hội viên các đoàn thể.
2. Phân công đảng viên chính thức giúp đỡ quần chúng ưu tú phấn đấu vào Đảng.
IV. TỔ CHỨC THỰC HIỆN
1. Các cấp ủy cơ sở xây dựng kế hoạch cụ thể và báo cáo kết quả hằng quý.`,
  },
] as const;

/**
 * Written opinions the districts sent in before the conference (as they do, on the documents sent out
 * with the invitation): a site's collective opinion (its operator) or a delegate's own; `at` is a phrase of
 * the section commented on. Sa Đéc has not answered yet: it speaks during the conference.
 */
export const DEMO_COMMENTS: ReadonlyArray<{
  draft: 0 | 1; at: string; site: string; kind: 'site' | 'delegate'; text: string; proposal?: string;
}> = [
  { draft: 0, at: '4% dân số', site: 'laivung', kind: 'site', text: 'Thống nhất chỉ tiêu; đề nghị bổ sung giải pháp tạo nguồn từ đoàn viên ưu tú để bảo đảm đạt trên 4% dân số.' },
  {
    draft: 0, at: '4% dân số', site: 'thapmuoi', kind: 'site', text: 'Đề nghị giao chỉ tiêu tỷ lệ đảng viên cụ thể cho từng huyện, thành phố, vì điều kiện các địa phương khác nhau.',
    proposal: 'Đến năm 2025, tỷ lệ đảng viên toàn tỉnh đạt trên 4% dân số; giao chỉ tiêu cụ thể cho từng đảng bộ huyện, thành phố.',
  },
  { draft: 0, at: 'đơn điệu', site: 'caolanh', kind: 'site', text: 'Đề nghị nêu rõ nguyên nhân nội dung sinh hoạt ở một số chi bộ còn đơn điệu.' },
  { draft: 0, at: 'Thực hiện nghiêm các nguyên tắc', site: 'hongngu', kind: 'delegate', text: 'Đề nghị bổ sung giải pháp ứng dụng công nghệ thông tin trong sinh hoạt chi bộ.' },
  { draft: 1, at: 'kết nạp ít nhất 01 đảng viên', site: 'chauthanh', kind: 'site', text: 'Chỉ tiêu mỗi chi bộ ấp, khóm kết nạp ít nhất 01 đảng viên mỗi năm khó đạt ở các ấp vùng sâu; đề nghị xem xét lại.' },
  { draft: 1, at: 'Tạo nguồn kết nạp', site: 'tanhong', kind: 'delegate', text: 'Đề nghị bổ sung nguồn kết nạp từ lực lượng dân quân tự vệ và thanh niên hoàn thành nghĩa vụ quân sự.' },
];

/** What the secretariat has consolidated so far: comments of DEMO_COMMENTS by index. */
export const DEMO_POINTS: ReadonlyArray<{ draft: 0 | 1; comments: number[]; summary: string; disposition: 'accepted' | 'partly_accepted' | 'explained'; response: string }> = [
  {
    draft: 0, comments: [0, 1], summary: 'Giao chỉ tiêu tỷ lệ đảng viên cho từng huyện, thành phố và bổ sung giải pháp tạo nguồn',
    disposition: 'partly_accepted',
    response: 'Tiếp thu giải pháp tạo nguồn tại mục IV; chỉ tiêu cho từng đảng bộ huyện, thành phố sẽ do Ban Tổ chức Tỉnh ủy hướng dẫn, Kết luận giữ chỉ tiêu chung của tỉnh.',
  },
  {
    draft: 1, comments: [4], summary: 'Xem xét lại chỉ tiêu mỗi chi bộ ấp, khóm kết nạp ít nhất 01 đảng viên mỗi năm', disposition: 'explained',
    response: 'Giữ chỉ tiêu vì đã được Đại hội Đảng bộ Tỉnh thông qua; các ấp vùng sâu được hỗ trợ tạo nguồn theo mục III.',
  },
];
