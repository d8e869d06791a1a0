import {
  DraftEntity, FloorRequestEntity, ParticipantEntity, SiteEntity, UserEntity, type CommentSubmissionContent,
} from '@hoinghi/database';
import { assertConsultationOpen, invalid, notFound, type Permission } from '@hoinghi/domain';
import { JobName, QueueName, type CommentReceipt, type StoreCommentJob, type SubmitCommentRequest } from '@hoinghi/contracts';
import { EntityManager, In } from 'typeorm';
import { Answered, type AuthorisedMember, type ChangeGroupSpec, type GroupMember, type MemberChange } from '../change-log/change-group';

/** One submission of a comment: on which draft, and what (validated field by field already). */
export interface Submission {
  draftId: string;
  dto: SubmitCommentRequest;
}

type Member = AuthorisedMember<Submission>;
type Draft = Pick<DraftEntity, 'id' | 'title' | 'currentVersion' | 'consultation'>;

const PERMISSION_OF: Record<SubmitCommentRequest['kind'], Permission> = {
  delegate: 'comments.submit',
  site: 'comments.site',
  floor: 'comments.floor',
};

/**
 * Comments on a draft come in bursts (every site's opinion within minutes), so they are committed
 * in groups (`ChangeGroup`): before the lock, the group's idempotency keys are looked up in one
 * statement (a resend answers its first receipt, writes nothing, takes no lock) and what the worker
 * will need is checked in a handful (draft, sections, sites, the floor); under the lock, one statement
 * writes every submission whose draft is still open for comment, ON CONFLICT on the key; then one
 * `writeChanges` records an audit line and an outbox job (`comment.store`) per submission.
 */
export const commentSubmissions: ChangeGroupSpec<Submission, CommentSubmissionContent, CommentReceipt> = {
  permission: (member) => PERMISSION_OF[member.request.dto.kind],
  // Two copies of one comment never share a group: the second then finds the first's receipt.
  keyOf: (member) => keyOf(member.user.id, member.request.dto.idempotencyKey),

  async prepare(em, conferenceId, members) {
    const known = await receipts(em, conferenceId, members);
    const fresh = members.filter((m) => !known.has(keyOfMember(m)));
    const drafts = await em.find(DraftEntity, {
      where: { conferenceId, id: In([...new Set(fresh.map((m) => m.request.draftId))]) }, select: ['id', 'title', 'currentVersion', 'consultation'],
    });
    const draftOf = new Map<string, Draft>(drafts.map((d) => [d.id, d]));
    const lookups = await lookUp(em, conferenceId, fresh.filter((m) => draftOf.has(m.request.draftId)), draftOf);
    return members.map((member) => {
      const receipt = known.get(keyOfMember(member));
      if (receipt) return new Answered(receipt);
      try {
        return contentOf(member, draftOf.get(member.request.draftId), lookups);
      } catch (error) {
        if (error instanceof Error) return error;
        throw error;
      }
    });
  },

  async commit(ctx, members) {
    const { em, conference } = ctx;
    const rows = await em.query(INSERT_SUBMISSIONS, [
      conference.id, members.map((m) => m.request.draftId), members.map((m) => m.user.id), members.map((m) => m.request.dto.idempotencyKey),
      members.map((m) => JSON.stringify(m.prepared)),
    ]) as Array<{ id: string; authorUserId: string; idempotencyKey: string }>;
    const written = new Map(rows.map((r) => [keyOf(r.authorUserId, r.idempotencyKey), r.id]));
    // Not written: the draft was closed (or its key used) since `prepare`; one more query says which.
    const missed = members.filter((m) => !written.has(keyOfMember(m)));
    const [late, drafts] = missed.length ? [await receipts(em, conference.id, missed), await em.find(DraftEntity, {
      where: { conferenceId: conference.id, id: In(missed.map((m) => m.request.draftId)) }, select: ['id', 'title', 'consultation'],
    })] : [new Map<string, CommentReceipt>(), []];
    return {
      members: members.map((member): MemberChange<CommentReceipt> | Error => {
        const receiptId = written.get(keyOfMember(member));
        if (receiptId) return submitted(conference.id, member, receiptId);
        const receipt = late.get(keyOfMember(member));
        if (receipt) return { result: receipt };
        const draft = drafts.find((d) => d.id === member.request.draftId);
        if (!draft) return draftNotFound(member.request.draftId);
        try {
          assertConsultationOpen(draft.consultation, draft.title);
        } catch (error) {
          if (error instanceof Error) return error;
          throw error;
        }
        throw new Error(`submission ${member.request.dto.idempotencyKey} was neither written nor refused`);
      }),
      events: [],
    };
  },
};

const keyOf = (authorUserId: string, idempotencyKey: string) => `${authorUserId}\n${idempotencyKey}`;
const keyOfMember = (m: GroupMember<Submission>) => keyOf(m.user.id, m.request.dto.idempotencyKey);
export const draftNotFound = (draftId: string) => notFound('DRAFT_NOT_FOUND', `Draft ${draftId} does not exist in this conference.`);

/** The author's audit line and the job that has the worker store it. */
function submitted(conferenceId: string, member: Member & { prepared: CommentSubmissionContent }, receiptId: string): MemberChange<CommentReceipt> {
  const { draftId, dto } = member.request;
  const job: StoreCommentJob = { v: 1, conferenceId, receiptId };
  return {
    result: { receiptId, status: 'accepted' },
    audit: { action: 'comment.submit', details: { receiptId, draftId, kind: dto.kind, sectionId: member.prepared.sectionId, siteId: member.prepared.siteId } },
    outbox: [{ kind: 'job', queue: QueueName.Comments, name: JobName.StoreComment, payload: job }],
  };
}

/** The receipts already given for these members' keys (one statement), by author and key. */
async function receipts(em: EntityManager, conferenceId: string, members: GroupMember<Submission>[]): Promise<Map<string, CommentReceipt>> {
  if (!members.length) return new Map();
  const rows = await em.query(
    `SELECT s.id, s.status, s.author_user_id AS "authorUserId", s.idempotency_key AS "idempotencyKey"
       FROM comment_submissions s JOIN unnest($2::uuid[], $3::varchar[]) AS k(author, key)
         ON s.conference_id = $1 AND s.author_user_id = k.author AND s.idempotency_key = k.key`,
    [conferenceId, members.map((m) => m.user.id), members.map((m) => m.request.dto.idempotencyKey)],
  ) as Array<{ id: string; status: CommentReceipt['status']; authorUserId: string; idempotencyKey: string }>;
  return new Map(rows.map((r) => [keyOf(r.authorUserId, r.idempotencyKey), { receiptId: r.id, status: r.status }]));
}

/** What the members name, read in bulk: sections of the drafts' current versions, sites, floor requests and speakers. */
interface Lookups {
  sectionLabel: Map<string, string>; // by draft and section
  sites: Set<string>;
  floorRequests: Map<string, Pick<FloorRequestEntity, 'id' | 'participantId' | 'siteId'>>;
  speakers: Map<string, { id: string; siteId: string | null; name: string }>;
  siteNames: Map<string, string>;
}

async function lookUp(em: EntityManager, conferenceId: string, members: Member[], draftOf: Map<string, Draft>): Promise<Lookups> {
  const dtos = members.map((m) => ({ ...m.request.dto, draftId: m.request.draftId }));
  const sectioned = dtos.filter((d) => d.sectionId);
  const sections = sectioned.length ? await em.query(
    `SELECT s.id, v.draft_id AS "draftId", s.label FROM draft_sections s JOIN draft_versions v ON v.id = s.version_id
       JOIN unnest($1::uuid[], $2::uuid[], $3::int[]) AS q(section_id, draft_id, version) ON q.section_id = s.id AND q.draft_id = v.draft_id AND q.version = v.version`,
    [sectioned.map((d) => d.sectionId), sectioned.map((d) => d.draftId), sectioned.map((d) => draftOf.get(d.draftId)!.currentVersion)],
  ) as Array<{ id: string; draftId: string; label: string }> : [];
  const siteIds = dtos.filter((d) => d.kind === 'site').map((d) => d.siteId!);
  const sites = siteIds.length ? await em.find(SiteEntity, { where: { id: In(siteIds), conferenceId }, select: ['id'] }) : [];
  const floor = dtos.filter((d) => d.kind === 'floor');
  const requestIds = floor.map((d) => d.floorRequestId).filter((id): id is string => !!id);
  const requests = requestIds.length
    ? await em.find(FloorRequestEntity, { where: { id: In(requestIds), conferenceId }, select: ['id', 'participantId', 'siteId'] }) : [];
  const speakerIds = [...floor.map((d) => d.speakerParticipantId), ...requests.map((r) => r.participantId)].filter((id): id is string => !!id);
  const speakers = speakerIds.length ? await em.createQueryBuilder(ParticipantEntity, 'p').innerJoin(UserEntity, 'u', 'u.id = p.user_id')
    .select(['p.id AS id', 'p.site_id AS "siteId"', 'u.full_name AS name'])
    .where('p.id IN (:...ids) AND p.conference_id = :conferenceId', { ids: speakerIds, conferenceId })
    .getRawMany<{ id: string; siteId: string | null; name: string }>() : [];
  const siteSpeakers = requests.filter((r) => !r.participantId).map((r) => r.siteId);
  const named = siteSpeakers.length ? await em.find(SiteEntity, { where: { id: In(siteSpeakers) }, select: ['id', 'name'] }) : [];
  return {
    sectionLabel: new Map(sections.map((s) => [`${s.draftId}/${s.id}`, s.label])),
    sites: new Set(sites.map((s) => s.id)),
    floorRequests: new Map(requests.map((r) => [r.id, r])),
    speakers: new Map(speakers.map((s) => [s.id, s])),
    siteNames: new Map(named.map((s) => [s.id, s.name])),
  };
}

/**
 * What the worker will store, checked now so that an acknowledged comment can always be stored; throws
 * what refuses the member, in the order a single submission is checked.
 */
function contentOf(member: Member, draft: Draft | undefined, lookups: Lookups): CommentSubmissionContent {
  const { dto, draftId } = member.request;
  if (!draft) throw draftNotFound(draftId);
  assertConsultationOpen(draft.consultation, draft.title);
  let sectionLabel = '';
  if (dto.sectionId) {
    const label = lookups.sectionLabel.get(`${draftId}/${dto.sectionId}`);
    if (label === undefined) throw invalid('COMMENT_SECTION_UNKNOWN', 'names no section of the draft\'s current version', 'sectionId');
    sectionLabel = label;
  }
  let siteId: string | null = null;
  let speaker: { participantId: string | null; name: string } | null = null;
  if (dto.kind === 'site') {
    if (!lookups.sites.has(dto.siteId!)) throw notFound('SITE_NOT_FOUND', `Site ${dto.siteId} does not exist in this conference.`);
    siteId = dto.siteId!;
  } else if (dto.kind === 'delegate') {
    siteId = member.roles.find((r) => r.role === 'delegate')?.siteId ?? null;
  } else {
    // From the floor log in one click: the floor request names the speaker (or their site), or the secretary names them.
    const request = dto.floorRequestId ? lookups.floorRequests.get(dto.floorRequestId) : undefined;
    if (dto.floorRequestId && !request) throw notFound('FLOOR_REQUEST_NOT_FOUND', `Floor request ${dto.floorRequestId} does not exist in this conference.`);
    const participantId = dto.speakerParticipantId ?? request?.participantId ?? null;
    if (participantId) {
      const participant = lookups.speakers.get(participantId);
      if (!participant) throw notFound('PARTICIPANT_NOT_FOUND', `Participant ${participantId} does not exist in this conference.`);
      speaker = { participantId, name: participant.name ?? '' };
      siteId = participant.siteId ?? request?.siteId ?? null;
    } else {
      // A site asked for the floor as a whole: its site speaks.
      speaker = { participantId: null, name: lookups.siteNames.get(request!.siteId) ?? '' };
      siteId = request!.siteId;
    }
  }
  return {
    kind: dto.kind, draftVersion: draft.currentVersion, sectionId: dto.sectionId ?? null, sectionLabel, text: dto.text.trim(),
    proposal: dto.proposal?.trim() || null, siteId, speakerParticipantId: speaker?.participantId ?? null, speakerName: speaker?.name ?? null,
    floorRequestId: dto.kind === 'floor' ? dto.floorRequestId ?? null : null,
  };
}

/**
 * The group's submissions in one statement, under the conference's lock: only those whose draft is
 * still open for comment (the chair's close takes the same lock, so none is acknowledged after it),
 * and none whose key is taken (`UQ_comment_submissions_key`).
 */
const INSERT_SUBMISSIONS = `
  INSERT INTO comment_submissions (conference_id, draft_id, author_user_id, idempotency_key, content, status)
  SELECT $1, r.draft_id, r.author, r.key, r.content, 'accepted'
    FROM unnest($2::uuid[], $3::uuid[], $4::varchar[], $5::jsonb[]) WITH ORDINALITY AS r(draft_id, author, key, content, n)
    JOIN drafts d ON d.id = r.draft_id AND d.conference_id = $1 AND d.consultation = 'open'
   ORDER BY r.n
  ON CONFLICT (conference_id, author_user_id, idempotency_key) DO NOTHING
  RETURNING id, author_user_id AS "authorUserId", idempotency_key AS "idempotencyKey"`;
