// Comments (góp ý) on drafts: a delegate's own, a site's collective opinion, a comment spoken from the
// floor and recorded by the secretary. Submitted with an idempotency key, acknowledged with a receipt
// (202), stored by the worker, then visible to their author, the leaders and (a site's) its staff.

/** `delegate`: a delegate's own; `site`: ý kiến của điểm cầu, by its chair or operator; `floor`: spoken, recorded by the secretary. */
export const COMMENT_KINDS = ['delegate', 'site', 'floor'] as const;
export type CommentKind = (typeof COMMENT_KINDS)[number];

export const COMMENT_STATUSES = ['active', 'withdrawn'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

/** `accepted`: acknowledged (durable, queued); `received`: stored by the worker, the comment exists. */
export const RECEIPT_STATUSES = ['accepted', 'received'] as const;
export type ReceiptStatus = (typeof RECEIPT_STATUSES)[number];

export const COMMENT_LIMITS = {
  textChars: 5000,
  proposalChars: 5000,
  /** Idempotency keys: 8–100 characters of [A-Za-z0-9_.:-], e.g. a UUID the client makes per comment. */
  keyMinChars: 8,
  keyMaxChars: 100,
} as const;
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_.:-]+$/;

/** Body of POST /conferences/:id/drafts/:draftId/comments. */
export interface SubmitCommentRequest {
  /** Made by the client once per comment and sent again on every retry: a resend answers the same receipt. */
  idempotencyKey: string;
  kind: CommentKind;
  /** A section of the draft's current version; absent: the whole draft. */
  sectionId?: string;
  text: string;
  /** Đề nghị sửa thành: the wording the commenter proposes. */
  proposal?: string;
  /** `site`: the site whose opinion this is (the caller runs it). */
  siteId?: string;
  /** `floor`: the participant who spoke; may be left out when `floorRequestId` names them (or their site). */
  speakerParticipantId?: string;
  /** `floor`: the floor request they spoke under — enough by itself, from the floor log. */
  floorRequestId?: string;
}

/** The answer to a submission (202): the comment is durable and will be stored exactly once. */
export interface CommentReceipt {
  receiptId: string;
  status: ReceiptStatus;
}

/** Body of PUT /conferences/:id/comments/:commentId (the author, while consultation is open). */
export interface EditCommentRequest {
  text: string;
  proposal?: string;
}

export interface CommentView {
  id: string;
  receiptId: string;
  draftId: string;
  /** The draft version the comment was made on. */
  draftVersion: number;
  /** null: the whole draft. */
  sectionId: string | null;
  /** The section's own numbering ("Điều 2."), '' for the whole draft. */
  sectionLabel: string;
  kind: CommentKind;
  authorUserId: string;
  authorName: string;
  /** `site`: the site speaking; `delegate`: where the author attends (null for a leader); `floor`: the speaker's site. */
  siteId: string | null;
  /** `floor`: who spoke (null when a whole site had the floor: `speakerName` is then the site's name). */
  speakerParticipantId: string | null;
  speakerName: string | null;
  floorRequestId: string | null;
  text: string;
  proposal: string | null;
  status: CommentStatus;
  createdAt: string;
  updatedAt: string;
}

/** The comments part of a snapshot: leaders get every comment of the conference, others their own (and their site's opinions). */
export interface CommentsSection {
  items: CommentView[];
  /** The viewer's own submissions, with their status. */
  receipts: Array<CommentReceipt & { draftId: string; commentId: string | null }>;
}

/** Counts for the chair's console, derived from the comments one holds (withdrawn ones not counted). */
export interface CommentCounts {
  byDraft: Record<string, number>;
  /** Keyed by section id, or `draft:<draftId>` for comments on the whole draft. */
  bySection: Record<string, number>;
  /** Keyed by site id (comments with no site are not counted here). */
  bySite: Record<string, number>;
}

export function countComments(items: CommentView[]): CommentCounts {
  const counts: CommentCounts = { byDraft: {}, bySection: {}, bySite: {} };
  const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  for (const c of items) {
    if (c.status !== 'active') continue;
    bump(counts.byDraft, c.draftId);
    bump(counts.bySection, c.sectionId ?? `draft:${c.draftId}`);
    if (c.siteId) bump(counts.bySite, c.siteId);
  }
  return counts;
}
