import type { MinutesBusinessChange, MinutesFacts, MinutesVote, PollBase, PollThreshold, PublishedMinutesContent } from '@hoinghi/contracts';
import {
  paragraph, PARTY_PAGE, PARTY_SIZES, partyHeader, vietnamTime, type DocumentParagraph, type DocumentRun, type PartyDocumentModel,
} from './party-document';

// The minutes (biên bản) as a Party document, from the published version's stored content only: the
// parts Hướng dẫn 16-HD/VPTW (2023) lists — opening, attendance with absentees and their reasons,
// proceedings per agenda item (each speaker by full name, conclusion, tasks; an item skipped or taken up
// again, with the chair's reason), the adjournments, the drafts' consultation, closing — and the
// signatures of the recorder and the chair; the version's SHA-256 in the footer. A cancelled conference's
// minutes say that it was cancelled, when and why.

const heading = (text: string): DocumentParagraph => paragraph([{ text, bold: true }], 'justify', { indent: true, spaceBeforePt: 6, keepWithNext: true });
const body = (runs: DocumentRun[] | string): DocumentParagraph => paragraph(runs, 'justify', { indent: true });
const labelled = (label: string, text: string): DocumentParagraph => body([{ text: label, bold: true }, { text }]);

/** "08 giờ 05 phút, ngày 01 tháng 12 năm 2026". */
function clockAndDate(iso: string): string {
  const t = vietnamTime(iso);
  return `${t.hour} giờ ${t.minute} phút, ngày ${t.day} tháng ${t.month} năm ${t.year}`;
}

/** "09 giờ 10 phút" on the conference's day; with the date on another day. */
function clockOn(iso: string, dayIso: string): string {
  const [t, day] = [vietnamTime(iso), vietnamTime(dayIso)];
  return t.day === day.day && t.month === day.month && t.year === day.year ? `${t.hour} giờ ${t.minute} phút` : clockAndDate(iso);
}

/** Versions published before the order of business was cited have none. */
const businessChanges = (facts: MinutesFacts): MinutesBusinessChange[] => facts.businessChanges ?? [];
/** A conference cancelled before it was held (one that was held is never cancelled). */
const cancellation = (facts: MinutesFacts) => (facts.startedAt ? undefined : businessChanges(facts).findLast((c) => c.kind === 'cancelled'));
const because = (reason: string | null) => (reason ? ` Lý do: ${sentence(reason)}` : '');

const comrade = (fullName: string) => (/^Đại diện\b/u.test(fullName) ? fullName : `đồng chí ${fullName}`);
const list = (names: string[]) => names.map(comrade).join(', ');
const sentence = (text: string) => (/[.!?…:;]$/u.test(text) ? text : `${text}.`);
/** The recorder's text, one paragraph per line they wrote. */
const paragraphsOf = (text: string) => text.split(/\n+/).map((t) => t.trim()).filter(Boolean).map((t) => body(sentence(t)));
const dueDate = (due: string) => due.split('-').reverse().join('/');
const capitalised = (text: string) => text.charAt(0).toLocaleUpperCase('vi') + text.slice(1);

function opening(facts: MinutesFacts): DocumentParagraph[] {
  const sites = facts.connectedSites;
  const start = facts.startedAt ?? facts.plannedStart;
  const where = `tại ${facts.place} (điểm cầu chính)${sites.length ? `, kết nối trực tuyến với ${sites.length} điểm cầu: ${sites.join(', ')}` : ''}`;
  const cancelled = cancellation(facts);
  return [
    cancelled
      ? body(`${capitalised(facts.conferenceTitle)} do ${facts.hostUnit} triệu tập, dự kiến tổ chức vào lúc ${clockAndDate(facts.plannedStart)}, ${where}, `
        + `đã bị hủy vào lúc ${clockAndDate(cancelled.at)}.${because(cancelled.reason)}`)
      : body(`Vào lúc ${clockAndDate(start)}, ${where}, ${facts.hostUnit} tổ chức ${facts.conferenceTitle}.`),
    labelled('Chủ trì hội nghị: ', sentence(facts.chairs.length ? capitalised(list(facts.chairs)) : 'chưa ghi nhận')),
    labelled('Thư ký (người ghi biên bản): ', sentence(facts.recorders.length ? capitalised(list(facts.recorders)) : 'chưa ghi nhận')),
    ...(facts.drafts.length
      ? [labelled('Tài liệu hội nghị: ', sentence(facts.drafts.map((d) => `${d.title} (dự thảo lần ${d.version})`).join('; ')))]
      : []),
  ];
}

function attendance(facts: MinutesFacts): DocumentParagraph[] {
  if (cancellation(facts)) return [];
  const a = facts.attendance;
  const q = facts.quorumAtOpening;
  const out = [
    heading('I. THÀNH PHẦN THAM DỰ'),
    body(`Tổng số đại biểu được triệu tập: ${a.convened}; có mặt: ${a.present}${a.late ? ` (trong đó đến muộn: ${a.late})` : ''}; vắng mặt: ${a.convened - a.present}.`),
    body(q && q.convened > 0
      ? `Khi khai mạc hội nghị: có mặt ${q.present}/${q.convened} đại biểu được triệu tập, ${q.met ? 'đủ' : 'không đủ'} số lượng theo quy định.`
      : 'Khi khai mạc hội nghị: hệ thống chưa ghi nhận đại biểu được triệu tập.'),
  ];
  // Per site with delegates convened (a hall of chairs and staff only has no line).
  for (const site of a.perSite.filter((s) => s.convened > 0 || s.absentees.length > 0)) {
    const absentees = site.absentees.map((p) => `đồng chí ${p.fullName} (${p.reason ? `lý do: ${p.reason}` : 'không rõ lý do'})`);
    out.push(body(`- ${site.siteName}: có mặt ${site.present}/${site.convened} đại biểu${absentees.length ? `; vắng mặt: ${absentees.join('; ')}` : ''}.`));
  }
  const guests = a.guests ?? []; // versions published before guests were cited have none
  if (guests.length) out.push(labelled('Khách mời: ', sentence(guests.map((g) => `${comrade(g.fullName)}${g.siteName ? ` (${g.siteName})` : ''}`).join(', '))));
  return out;
}

/** What the chair did to an item, when and why: skipped (not taken up then) or taken up again. */
function itemChanges(facts: MinutesFacts, agendaItemId: string): DocumentParagraph[] {
  const day = facts.startedAt ?? facts.plannedStart;
  return businessChanges(facts).filter((c) => c.agendaItemId === agendaItemId).map((c) => paragraph(
    [{ text: `Lúc ${clockOn(c.at, day)}, chủ trì hội nghị ${c.kind === 'item-skipped' ? 'cho hoãn nội dung này' : 'cho thực hiện lại nội dung này'}.${because(c.reason)}`, italics: true }],
    'justify', { indent: true },
  ));
}

/** The conference adjourned and resumed, in order, with the reasons. */
function adjournments(facts: MinutesFacts): DocumentParagraph[] {
  const day = facts.startedAt ?? facts.plannedStart;
  return businessChanges(facts).filter((c) => c.kind === 'adjourned' || c.kind === 'resumed')
    .map((c) => body(`Lúc ${clockOn(c.at, day)}, hội nghị ${c.kind === 'adjourned' ? 'tạm dừng' : 'tiếp tục'}.${because(c.reason)}`));
}

function proceedings(content: PublishedMinutesContent): DocumentParagraph[] {
  if (cancellation(content.facts)) return [];
  const out = [heading('II. NỘI DUNG HỘI NGHỊ')];
  [...content.items].sort((a, b) => a.position - b.position).forEach((item, i) => {
    out.push(paragraph([{ text: `${i + 1}. ${item.title}`, bold: true }], 'justify', { indent: true, keepWithNext: true }));
    out.push(...itemChanges(content.facts, item.agendaItemId));
    out.push(...paragraphsOf(item.summary));
    if (item.speakers.length) out.push(paragraph([{ text: 'Ý kiến phát biểu:', italics: true }], 'justify', { indent: true, keepWithNext: true }));
    for (const s of item.speakers) {
      out.push(body([{ text: `- ${capitalised(comrade(s.fullName))} (${s.siteName})`, bold: true }, { text: s.summary ? `: ${sentence(s.summary)}` : '.' }]));
    }
    for (const vote of content.facts.votes.filter((v) => v.agendaItemId === item.agendaItemId)) out.push(...voteParagraphs(vote));
    if (item.conclusion) out.push(labelled('Kết luận: ', sentence(item.conclusion)));
    if (item.tasks.length) out.push(paragraph([{ text: 'Giao nhiệm vụ:', bold: true }], 'justify', { indent: true, keepWithNext: true }));
    for (const t of item.tasks) out.push(body(`- ${t.unit}: ${t.task}${t.due ? ` (thời hạn: ${dueDate(t.due)})` : ''}.`));
  });
  return [...out, ...adjournments(content.facts)];
}

const METHOD = { open: 'biểu quyết công khai', confidence: 'bỏ phiếu kín (lấy phiếu tín nhiệm)', election: 'bầu cử bằng phiếu kín' } as const;
const BASE_WORDS: Record<PollBase, string> = {
  electorate: 'tổng số đại biểu được triệu tập có quyền biểu quyết',
  electorate_minus_excused: 'tổng số đại biểu được triệu tập có quyền biểu quyết, trừ số vắng mặt có lý do',
  present: 'số đại biểu có mặt',
  votes_cast: 'số phiếu thu về',
};
const THRESHOLD_WORDS: Record<PollThreshold, string> = { more_than_half: 'quá một nửa', two_thirds: 'từ hai phần ba trở lên' };
const percent = (p: number) => `${p.toLocaleString('vi-VN', { maximumFractionDigits: 2 })}%`;

/**
 * One vote as the minutes state it: the method and the result — counts, percentages of the base, the
 * rule and whether it passed (a secret ballot's totals only: that is all there is).
 */
export function voteParagraphs(vote: MinutesVote): DocumentParagraph[] {
  const r = vote.result;
  const rule = `tỷ lệ tính trên ${BASE_WORDS[r.base]} (${r.baseCount}); yêu cầu ${THRESHOLD_WORDS[r.threshold]} (ít nhất ${r.required} phiếu)`;
  const out = [labelled(`Biểu quyết: ${vote.title}. `, `Hình thức: ${METHOD[vote.kind]}; số phiếu thu về: ${r.cast}; ${rule}.`)];
  if (r.kind === 'open') {
    const counts = (['yes', 'no', 'abstain'] as const).map((c) => `${vote.labels[c]}: ${r.counts[c]} (${percent(r.percents[c])})`).join('; ');
    out.push(body([{ text: `Kết quả: ${counts}. ` }, { text: r.passed ? 'Thông qua.' : 'Không thông qua.', bold: true }]));
  } else if (r.kind === 'confidence') {
    for (const o of r.officials) {
      const flag = o.lowTwoThirds ? ' Từ hai phần ba trở lên tín nhiệm thấp.' : o.lowOverHalf ? ' Trên một nửa tín nhiệm thấp.' : '';
      out.push(body(`- ${o.label}: tín nhiệm cao ${o.counts.high} (${percent(o.percents.high)}); tín nhiệm ${o.counts.medium} (${percent(o.percents.medium)}); tín nhiệm thấp ${o.counts.low} (${percent(o.percents.low)}).${flag}`));
    }
  } else {
    const outcome = { elected: 'trúng cử', tied: 'bằng phiếu ở vị trí cuối', not_elected: 'không trúng cử' } as const;
    for (const c of r.candidates) out.push(body(`- ${c.label}: ${c.votes} phiếu (${percent(c.percent)}), ${outcome[c.outcome]}.`));
    if (r.tie) out.push(body('Có ứng cử viên bằng phiếu ở vị trí cuối; hội nghị quyết định theo quy định.'));
  }
  return out;
}

/** How the comments were consolidated (versions published before it was cited have nothing to say). */
function consolidated(draft: MinutesFacts['drafts'][number]): string {
  const d = draft.byDisposition;
  if (!d || !draft.points) return '';
  return `; tổng hợp thành ${draft.points} nội dung: tiếp thu ${d.accepted}, tiếp thu một phần ${d.partly_accepted}, giải trình ${d.explained}${d.pending ? `, chưa xử lý ${d.pending}` : ''}`;
}

function consultation(facts: MinutesFacts): DocumentParagraph[] {
  if (!facts.drafts.length) return [];
  return [
    heading('III. TỔNG HỢP Ý KIẾN GÓP Ý CÁC DỰ THẢO'),
    ...facts.drafts.map((d) => body(`- ${d.title} (dự thảo lần ${d.version}): ${d.comments} ý kiến góp ý của ${d.sites} điểm cầu${consolidated(d)}.`)),
  ];
}

function closing(content: PublishedMinutesContent): DocumentParagraph[] {
  const { facts } = content;
  const published = vietnamTime(content.publishedAt);
  return [
    ...(cancellation(facts) ? [] : [body(facts.endedAt ? `Hội nghị kết thúc vào lúc ${clockAndDate(facts.endedAt)}.` : 'Hệ thống không ghi nhận thời điểm kết thúc hội nghị.')]),
    body(`Biên bản đã được chủ trì hội nghị thông qua và công bố ngày ${published.day}/${published.month}/${published.year}.`),
    ...(content.corrects !== null
      ? [body([{ text: `Biên bản này (phiên bản ${content.version}) đính chính phiên bản ${content.corrects}. Lý do: `, italics: true }, { text: sentence(content.correctionReason ?? ''), italics: true }])]
      : []),
  ];
}

function signature(role: string, names: string[]): DocumentParagraph[] {
  return [
    // Room for the handwritten signature on the printed copy.
    paragraph([{ text: role, bold: true }], 'center', { spaceAfterPt: 64 }),
    ...(names.length ? names : ['']).map((name) => paragraph([{ text: name, bold: true }], 'center')),
  ];
}

/** The minutes of one published version as a Party document (both renderers draw exactly this). */
export function minutesDocument(content: PublishedMinutesContent, sha256: string): PartyDocumentModel {
  const { facts } = content;
  const chair = content.approvedByName ?? facts.chairs[0];
  return {
    title: `Biên bản ${facts.conferenceTitle}`,
    author: facts.hostUnit,
    language: 'vi',
    page: PARTY_PAGE,
    fontFamily: 'Times New Roman',
    bodySizePt: PARTY_SIZES.body,
    lineSpacing: 1.2,
    header: partyHeader({
      superiorBody: facts.superiorBody ?? null,
      issuingBody: facts.hostUnit,
      number: content.documentNumber,
      place: facts.locality || facts.hostUnit,
      dateIso: facts.startedAt ?? facts.plannedStart,
    }),
    heading: [
      paragraph([{ text: 'BIÊN BẢN', bold: true, sizePt: PARTY_SIZES.documentType }], 'center', { spaceBeforePt: 18 }),
      paragraph([{ text: facts.conferenceTitle, bold: true }], 'center'),
      paragraph('-----', 'center', { spaceAfterPt: 12 }),
    ],
    body: [...opening(facts), ...attendance(facts), ...proceedings(content), ...consultation(facts), ...closing(content)],
    signatures: [signature('THƯ KÝ HỘI NGHỊ', facts.recorders), signature('CHỦ TRÌ HỘI NGHỊ', chair ? [chair] : [])],
    footer: {
      text: `Biên bản${content.documentNumber ? ` số ${content.documentNumber}` : ''}, phiên bản ${content.version}. Mã SHA-256 của bản đã công bố: ${sha256}`,
      sizePt: PARTY_SIZES.footer,
    },
    pageNumbers: { fromPage: 2, sizePt: PARTY_SIZES.pageNumber },
  };
}
