import { INestApplicationContext } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { CommentSubmissionEntity, ConferenceEntity, draftComments, OrgUnitEntity, UserEntity } from '@hoinghi/database';
import { blocksFromText, foldVietnamese } from '@hoinghi/domain';
import type { AgendaItemKind, ConferenceSnapshot, DraftVersionView, OrgUnitLevel, ParticipantRole } from '@hoinghi/contracts';
import { DataSource, EntityManager, In, Not } from 'typeorm';
import { AuthService, toUserView } from '../auth/auth.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { ConferencesService } from '../conferences/conferences.service';
import { DraftsService } from '../drafts/drafts.service';
import { CommentsService } from '../comments/comments.service';
import { ConsolidationService } from '../consolidation/consolidation.service';
import { DEMO_COMMENTS, DEMO_DRAFTS, DEMO_POINTS } from './demo-drafts';
import { ParticipantsService } from '../participants/participants.service';
import { PollsService } from '../polls/polls.service';

/**
 * Demo data: the draft-consultation conference of 27/5/2021 (seed 004), held by the Organisation
 * Board of the Đồng Tháp Provincial Party Committee from the Committee's hall to its 12 districts
 * and cities. Every account shares DEMO_PASSWORD.
 */
export const DEMO_PASSWORD = 'hoinghi2026';

/** The 12 district-level units, with the slug used in their operators' usernames. */
export const DONG_THAP_DISTRICTS: ReadonlyArray<{ slug: string; name: string; place: string }> = [
  { slug: 'tpcaolanh', name: 'Thành phố Cao Lãnh', place: 'Hội trường Thành ủy Cao Lãnh' },
  { slug: 'sadec', name: 'Thành phố Sa Đéc', place: 'Hội trường Thành ủy Sa Đéc' },
  { slug: 'tphongngu', name: 'Thành phố Hồng Ngự', place: 'Hội trường Thành ủy Hồng Ngự' },
  { slug: 'tanhong', name: 'Huyện Tân Hồng', place: 'Hội trường Huyện ủy Tân Hồng' },
  { slug: 'hongngu', name: 'Huyện Hồng Ngự', place: 'Hội trường Huyện ủy Hồng Ngự' },
  { slug: 'tamnong', name: 'Huyện Tam Nông', place: 'Hội trường Huyện ủy Tam Nông' },
  { slug: 'thanhbinh', name: 'Huyện Thanh Bình', place: 'Hội trường Huyện ủy Thanh Bình' },
  { slug: 'thapmuoi', name: 'Huyện Tháp Mười', place: 'Hội trường Huyện ủy Tháp Mười' },
  { slug: 'caolanh', name: 'Huyện Cao Lãnh', place: 'Hội trường Huyện ủy Cao Lãnh' },
  { slug: 'lapvo', name: 'Huyện Lấp Vò', place: 'Hội trường Huyện ủy Lấp Vò' },
  { slug: 'laivung', name: 'Huyện Lai Vung', place: 'Hội trường Huyện ủy Lai Vung' },
  { slug: 'chauthanh', name: 'Huyện Châu Thành', place: 'Hội trường Huyện ủy Châu Thành' },
];

const AGENDA: ReadonlyArray<{ title: string; kind: AgendaItemKind; presenter: string; plannedMinutes: number }> = [
  { title: 'Tuyên bố lý do, giới thiệu đại biểu', kind: 'report', presenter: 'Ban Tổ chức Tỉnh ủy', plannedMinutes: 5 },
  { title: 'Báo cáo kết quả khảo sát thực hiện Nghị quyết số 03-NQ/TU khóa X', kind: 'report', presenter: 'Ban Tổ chức Tỉnh ủy', plannedMinutes: 20 },
  { title: 'Dự thảo Tờ trình và Kết luận của Ban Chấp hành Đảng bộ Tỉnh khóa XI', kind: 'draft_consultation', presenter: 'Ban Tổ chức Tỉnh ủy', plannedMinutes: 30 },
  { title: 'Dự thảo Kế hoạch kết nạp đảng viên nhiệm kỳ 2020 - 2025', kind: 'draft_consultation', presenter: 'Ban Tổ chức Tỉnh ủy', plannedMinutes: 30 },
  { title: 'Đại biểu các điểm cầu phát biểu góp ý', kind: 'discussion', presenter: 'Các điểm cầu', plannedMinutes: 60 },
  { title: 'Thông qua các chỉ tiêu', kind: 'vote', presenter: 'Ban Tổ chức Tỉnh ủy', plannedMinutes: 10 },
  { title: 'Phát biểu chỉ đạo', kind: 'conclusion', presenter: 'Đồng chí Phan Văn Thắng, Phó Bí thư Thường trực Tỉnh ủy', plannedMinutes: 20 },
  { title: 'Phát biểu tiếp thu, bế mạc hội nghị', kind: 'conclusion', presenter: 'Đồng chí Trần Văn Cường, Trưởng Ban Tổ chức Tỉnh ủy', plannedMinutes: 10 },
];

const DELEGATE_NAMES = [
  'Nguyễn Văn An', 'Trần Thị Bích', 'Lê Hoàng Dũng', 'Phạm Minh Đức', 'Võ Thị Hạnh', 'Huỳnh Văn Hùng',
  'Đặng Thị Lan', 'Bùi Quốc Long', 'Đỗ Thị Mai', 'Ngô Văn Nam', 'Dương Thị Ngọc', 'Lý Văn Phúc',
  'Trương Thị Quyên', 'Hồ Văn Sơn', 'Phan Thị Thảo', 'Châu Văn Tài', 'Lâm Thị Uyên', 'Mai Văn Việt',
  'Tạ Thị Xuân', 'Kiều Văn Yên',
];
const DELEGATES_PER_SITE = 3;

/** The three targets the conference adopted (seed 004), each put to an open vote on "Thông qua các chỉ tiêu". */
export const DEMO_TARGETS = [
  'Hằng năm có 95% tổ chức cơ sở đảng được xếp loại hoàn thành tốt nhiệm vụ trở lên',
  'Hằng năm có 70% ban công tác mặt trận, chi đoàn, chi hội, tổ nhân dân tự quản hoạt động từ khá trở lên',
  'Đến năm 2025, tỷ lệ đảng viên đạt trên 4% dân số',
];

export interface DemoLogin {
  username: string;
  fullName: string;
  does: string;
}

export interface DemoSeedResult {
  conference: ConferenceSnapshot | null; // null when the demo was already there
  logins: DemoLogin[];
}

/** Seeds the demo once; a second run changes nothing and reports the same logins. */
export async function seedDemo(app: INestApplicationContext): Promise<DemoSeedResult> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const logins: DemoLogin[] = [];
  const login = (username: string, fullName: string, does: string) => logins.push({ username, fullName, does });
  login('chutri', 'Trần Văn Cường', 'chủ trì (Trưởng Ban Tổ chức Tỉnh ủy) — chair console');
  login('phobithu', 'Phan Văn Thắng', 'đồng chủ trì (Phó Bí thư Thường trực Tỉnh ủy)');
  login('thuky', 'Nguyễn Thị Thu Hà', 'thư ký hội nghị');
  login('vanhanh.tinhuy', 'Lê Minh Trí', 'kỹ thuật viên điểm cầu chính');
  for (const d of DONG_THAP_DISTRICTS) login(`vanhanh.${d.slug}`, `Kỹ thuật viên ${d.name}`, `kỹ thuật viên điểm cầu ${d.name}`);
  login('daibieu.tpcaolanh.1', DELEGATE_NAMES[0], 'đại biểu (… mỗi điểm cầu có daibieu.<điểm cầu>.1–3)');

  const config = app.get<AppConfig>(APP_CONFIG);
  if (config.production) {
    throw new Error('The demo seed refuses to run with NODE_ENV=production: it creates an administrator whose password is published in the README.');
  }
  const alreadySeeded = await dataSource.manager.exists(UserEntity, { where: { username: 'chutri' } });
  if (alreadySeeded) return { conference: null, logins };
  await assertOnlyDemoData(dataSource.manager, logins);

  const passwordHash = await AuthService.hashPassword(DEMO_PASSWORD);
  const { units, users } = await dataSource.transaction(async (em) => ({
    units: await seedOrgUnits(em),
    users: await seedUsers(em, passwordHash, logins),
  }));

  const chair = toUserView(users.get('chutri')!);
  const start = nextMorning();
  const snapshot = await app.get(ConferencesService).create(chair, {
    title: DEMO_TITLE,
    kind: 'draft_consultation',
    hostUnitId: units.get('board')!,
    plannedStart: start.toISOString(),
    plannedEnd: new Date(start.getTime() + 3 * 3600_000).toISOString(),
    sites: [
      { key: 'main', name: 'Điểm cầu chính — Hội trường Tỉnh ủy', place: 'Hội trường Tỉnh ủy Đồng Tháp', orgUnitId: units.get('province')!, isMain: true },
      ...DONG_THAP_DISTRICTS.map((d) => ({ key: d.slug, name: `Điểm cầu ${d.name}`, place: d.place, orgUnitId: units.get(d.slug)!, parentKey: 'main' })),
    ],
    agenda: AGENDA.map((item) => ({ ...item })),
  });

  const siteIdByKey = new Map<string, string>([['main', snapshot.sites.find((s) => s.isMain)!.id]]);
  for (const d of DONG_THAP_DISTRICTS) siteIdByKey.set(d.slug, snapshot.sites.find((s) => s.name === `Điểm cầu ${d.name}`)!.id);

  const participants = app.get(ParticipantsService);
  const add = (username: string, role: ParticipantRole, siteKey?: string) =>
    participants.add(chair, snapshot.conference.id, { userId: users.get(username)!.id, role, siteId: siteKey ? siteIdByKey.get(siteKey) : undefined });
  await add('phobithu', 'co_chair', 'main');
  await add('thuky', 'secretary', 'main');
  await add('vanhanh.tinhuy', 'site_operator', 'main');
  for (const key of ['main', ...DONG_THAP_DISTRICTS.map((d) => d.slug)]) {
    if (key !== 'main') await add(`vanhanh.${key}`, 'site_operator', key);
    for (let n = 1; n <= DELEGATES_PER_SITE; n++) await add(`daibieu.${key}.${n}`, 'delegate', key);
    await add(`daibieu.${key}.1`, 'site_chair', key); // the first delegate presides at the site
  }
  // The secretariat puts the two drafts of the day under their agenda items.
  const secretary = toUserView(users.get('thuky')!);
  const drafts: DraftVersionView[] = [];
  for (const draft of DEMO_DRAFTS) {
    const agendaItemId = snapshot.agenda.find((item) => item.title === draft.agendaTitle)?.id;
    drafts.push(await app.get(DraftsService).create(secretary, snapshot.conference.id, { title: draft.title, agendaItemId }, {
      source: 'text', fileName: null, blocks: blocksFromText(draft.text),
    }));
  }
  await seedWrittenComments(app, snapshot.conference.id, drafts, (username) => toUserView(users.get(username)!), siteIdByKey);
  // The secretariat prepares the votes on the three targets; the chair opens each once the conference is live.
  const voteItem = snapshot.agenda.find((item) => item.kind === 'vote')!;
  for (const target of DEMO_TARGETS) {
    await app.get(PollsService).create(secretary, snapshot.conference.id, { agendaItemId: voteItem.id, kind: 'open', title: `Thông qua chỉ tiêu: ${target}` });
  }
  const conferences = app.get(ConferencesService);
  await conferences.transition(chair, snapshot.conference.id, 'schedule');
  return { conference: await conferences.get(chair, snapshot.conference.id), logins };
}

/**
 * The districts' written opinions on the two drafts, sent before the conference, and what the secretariat
 * has consolidated of them. Taken through the API's own services (the receipts, the audit trail); stored
 * here rather than by the worker, which may not run yet (its job finds them stored and does nothing).
 * Consultation is closed again afterwards: the chair reopens it during the conference.
 */
async function seedWrittenComments(
  app: INestApplicationContext, conferenceId: string, drafts: DraftVersionView[], user: (username: string) => ReturnType<typeof toUserView>,
  siteIdByKey: Map<string, string>,
): Promise<void> {
  const chair = user('chutri');
  const [draftsService, comments, consolidation] = [app.get(DraftsService), app.get(CommentsService), app.get(ConsolidationService)];
  for (const draft of drafts) await draftsService.consultation(chair, conferenceId, draft.draftId, 'open');
  const receipts: string[] = [];
  for (const [i, c] of DEMO_COMMENTS.entries()) {
    const sectionId = drafts[c.draft].sections.find((s) => s.text.includes(c.at) || s.heading.includes(c.at))!.id;
    const author = user(c.kind === 'site' ? `vanhanh.${c.site}` : `daibieu.${c.site}.2`);
    const receipt = await comments.submit(author, conferenceId, drafts[c.draft].draftId, {
      idempotencyKey: `demo-written-${i}`, kind: c.kind, sectionId, text: c.text, proposal: c.proposal,
      ...(c.kind === 'site' ? { siteId: siteIdByKey.get(c.site) } : {}),
    });
    receipts.push(receipt.receiptId);
  }
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const commentIds = await dataSource.transaction(async (em) => {
    const ids: string[] = [];
    for (const id of receipts) ids.push((await draftComments.store(em, await em.findOneByOrFail(CommentSubmissionEntity, { id }))).comment.id);
    return ids;
  });
  for (const p of DEMO_POINTS) {
    await consolidation.create(user('thuky'), conferenceId, drafts[p.draft].draftId, {
      summary: p.summary, commentIds: p.comments.map((i) => commentIds[i]), disposition: p.disposition, response: p.response,
    });
  }
  for (const draft of drafts) await draftsService.consultation(chair, conferenceId, draft.draftId, 'close');
}

const DEMO_TITLE = 'Hội nghị trực tuyến góp ý kiến dự thảo Kết luận về tiếp tục thực hiện Nghị quyết số 03-NQ/TU và dự thảo Kế hoạch kết nạp đảng viên nhiệm kỳ 2020 - 2025';

/** Every username the demo creates. */
function demoUsernames(logins: DemoLogin[]): string[] {
  const delegates = ['main', ...DONG_THAP_DISTRICTS.map((d) => d.slug)]
    .flatMap((key) => Array.from({ length: DELEGATES_PER_SITE }, (_, i) => `daibieu.${key}.${i + 1}`));
  return ['quantri', ...logins.map((l) => l.username).filter((u) => !u.startsWith('daibieu.')), ...delegates];
}

/**
 * The seed only ever fills an empty database (or finishes its own): a user whose username is not one of
 * the demo's, or a conference that is not the demo's (by title), means the database is someone's real
 * data, where an administrator with the published demo password must never appear.
 */
async function assertOnlyDemoData(em: EntityManager, logins: DemoLogin[]): Promise<void> {
  const foreignUsers = await em.count(UserEntity, { where: { username: Not(In(demoUsernames(logins))) } });
  const foreignConferences = await em.count(ConferenceEntity, { where: { title: Not(DEMO_TITLE) } });
  if (foreignUsers > 0 || foreignConferences > 0) {
    throw new Error(
      `The demo seed refuses this database: it already holds ${foreignUsers} user(s) and ${foreignConferences} conference(s) that are not the demo's. `
      + 'Seed the demo only into an empty database.',
    );
  }
}

async function seedOrgUnits(em: EntityManager): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  const unit = async (key: string, name: string, level: OrgUnitLevel, parentKey: string | null) => {
    const saved = await em.save(OrgUnitEntity, em.create(OrgUnitEntity, {
      name, nameSearch: foldVietnamese(name), level, parentId: parentKey ? ids.get(parentKey)! : null,
    }));
    ids.set(key, saved.id);
  };
  await unit('centre', 'Trung ương', 'centre', null);
  await unit('province', 'Tỉnh Đồng Tháp', 'province', 'centre');
  await unit('board', 'Ban Tổ chức Tỉnh ủy Đồng Tháp', 'agency', 'province');
  for (const d of DONG_THAP_DISTRICTS) await unit(d.slug, d.name, 'district', 'province');
  return ids;
}

async function seedUsers(em: EntityManager, passwordHash: string, logins: DemoLogin[]): Promise<Map<string, UserEntity>> {
  const rows: Array<Pick<UserEntity, 'username' | 'fullName' | 'canConvene' | 'isAdmin'>> = [
    { username: 'quantri', fullName: 'Quản trị hệ thống', canConvene: false, isAdmin: true },
    ...logins.filter((l) => !l.username.startsWith('daibieu.')).map((l) => ({
      username: l.username, fullName: l.fullName, canConvene: l.username === 'chutri', isAdmin: false,
    })),
  ];
  let n = 0;
  for (const key of ['main', ...DONG_THAP_DISTRICTS.map((d) => d.slug)]) {
    for (let i = 1; i <= DELEGATES_PER_SITE; i++) {
      rows.push({ username: `daibieu.${key}.${i}`, fullName: DELEGATE_NAMES[n++ % DELEGATE_NAMES.length], canConvene: false, isAdmin: false });
    }
  }
  const users = new Map<string, UserEntity>();
  for (const row of rows) {
    const saved = await em.save(UserEntity, em.create(UserEntity, { ...row, fullNameSearch: foldVietnamese(row.fullName), passwordHash }));
    users.set(saved.username, saved);
  }
  return users;
}

/** 07:30 tomorrow, Vietnam time (UTC+7), when party conferences usually open. */
function nextMorning(): Date {
  const d = new Date(Date.now() + 24 * 3600_000);
  d.setUTCHours(0, 30, 0, 0);
  return d;
}
