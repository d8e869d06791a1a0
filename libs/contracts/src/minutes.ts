import type { Disposition } from './consolidation';
import type { PollKind, PollResult, VoteChoice } from './polls';

// Minutes (biên bản): kept per agenda item by the secretariat during the conference, approved by the
// chair, published as an immutable version with its SHA-256; corrections are new versions.

export const MINUTES_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type MinutesStatus = (typeof MINUTES_STATUSES)[number];

/** What the secretariat and the chair do to a version of the minutes (the workflow is in docs/rules.md). */
export const MINUTES_ACTIONS = ['submit', 'return', 'approve', 'publish'] as const;
export type MinutesAction = (typeof MINUTES_ACTIONS)[number];

export const MINUTES_LIMITS = {
  textChars: 20_000,
  nameChars: 200,
  reasonChars: 1000,
  speakers: 200,
  tasks: 100,
} as const;

/** One speaker of an agenda item, as the floor log had them (full name, site, times) and what they said. */
export interface MinutesSpeaker {
  /** The floor request the speaker came from; null when the secretary typed the speaker in. */
  floorRequestId: string | null;
  fullName: string;
  siteName: string;
  startedAt: string | null;
  endedAt: string | null;
  summary: string;
}

/** A task the chair assigned (giao nhiệm vụ): to which unit, what, by when. */
export interface MinutesTask {
  unit: string;
  task: string;
  /** yyyy-mm-dd, or null when no date was set. */
  due: string | null;
}

/** The secretariat's text of one agenda item; `revision` is the version check for concurrent editors. */
export interface MinutesItemView {
  agendaItemId: string;
  position: number;
  title: string;
  summary: string;
  speakers: MinutesSpeaker[];
  conclusion: string;
  tasks: MinutesTask[];
  revision: number;
  updatedAt: string | null;
  updatedByName: string | null;
}

export interface MinutesGuest {
  fullName: string;
  /** null: attending from no particular site. */
  siteName: string | null;
}

export interface MinutesAbsentee {
  fullName: string;
  reason: string | null;
}

/**
 * What the platform knows and the minutes cite, read from their sources (the conference, its sites,
 * participants, attendance, the change log). A published version keeps the facts as they were; the
 * view says when a source changed since (`sourcesChanged`).
 */
export interface MinutesFacts {
  conferenceTitle: string;
  /** The issuing body (the conference's host unit). */
  hostUnit: string;
  /** The body above it (capitals in the document's header); null at the top of the tree. */
  superiorBody: string | null;
  /** The main site. */
  place: string;
  /** Where the main site is (the place on the document's date line, e.g. "Đồng Tháp"). */
  locality: string;
  connectedSites: string[];
  plannedStart: string;
  startedAt: string | null;
  endedAt: string | null;
  chairs: string[];
  recorders: string[];
  attendance: {
    convened: number;
    present: number;
    late: number;
    absent: number;
    perSite: Array<{ siteName: string; convened: number; present: number; absentees: MinutesAbsentee[] }>;
    /** Invited guests (khách mời: the conference's observers), by full name, with the site they attend at. (Versions published before they were cited lack them.) */
    guests: MinutesGuest[];
  };
  /** The head count when the conference was opened (the totals as the change log had them then). */
  quorumAtOpening: { convened: number; present: number; met: boolean } | null;
  /**
   * Each vote with a published result, in the order held: how it was taken (open or secret ballot)
   * and its result (counts, percentages of the base, the rule, passed or not; a secret ballot's
   * totals only — there is nothing else).
   */
  votes: MinutesVote[];
  /**
   * Each draft put to the conference, how many comments it received from how many sites, and the
   * consolidation: how many points they were grouped into and how each was decided. (Versions published
   * before the consolidation was cited lack `points` and `byDisposition`.)
   */
  drafts: MinutesDraftFact[];
  /**
   * What changed the order of business, in the order it happened, each with the chair's reason (the
   * minutes record what happened in order, Hướng dẫn 16-HD/VPTW): items skipped or taken up again, the
   * conference adjourned and resumed, or cancelled. From the audit trail, so every change is there,
   * not only an item's last one. (Versions published before it was cited lack it.)
   */
  businessChanges: MinutesBusinessChange[];
}

export const MINUTES_BUSINESS_CHANGES = ['item-skipped', 'item-reopened', 'adjourned', 'resumed', 'cancelled'] as const;
export type MinutesBusinessChangeKind = (typeof MINUTES_BUSINESS_CHANGES)[number];

export interface MinutesBusinessChange {
  kind: MinutesBusinessChangeKind;
  at: string;
  /** The item skipped or reopened; null for the conference's own changes. */
  agendaItemId: string | null;
  /** Required to skip, reopen or cancel; optional to adjourn; none to resume. */
  reason: string | null;
}

export interface MinutesDraftFact {
  title: string;
  version: number;
  comments: number;
  sites: number;
  points: number;
  /** Points accepted, partly accepted, explained (not accepted), not yet decided. */
  byDisposition: Record<Disposition | 'pending', number>;
}

export interface MinutesVote {
  pollId: string;
  agendaItemId: string;
  title: string;
  kind: PollKind;
  secret: boolean;
  /** An open vote's words for its choices (tán thành / không tán thành / không biểu quyết, or a state body's). */
  labels: Record<VoteChoice, string>;
  result: PollResult;
}

export interface MinutesVersionView {
  conferenceId: string;
  version: number;
  status: MinutesStatus;
  /** The document number (Số 01-BB/…), given at the first publication. */
  documentNumber: string | null;
  /** The version this one corrects, and why. */
  corrects: number | null;
  correctionReason: string | null;
  /** Why the chair sent it back to the secretariat (the last time). */
  returnReason: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  approvedByName: string | null;
  publishedAt: string | null;
  /** SHA-256 (hex) of the canonical content, once published. */
  sha256: string | null;
  facts: MinutesFacts;
  items: MinutesItemView[];
  /** Published versions: a source of the facts changed after publication (a correction may be due). */
  sourcesChanged: boolean;
}

/** The list of versions (the history), newest first. */
export interface MinutesVersionSummary {
  version: number;
  status: MinutesStatus;
  documentNumber: string | null;
  corrects: number | null;
  correctionReason: string | null;
  publishedAt: string | null;
  sha256: string | null;
}

/** Per agenda item, what differs between two versions. */
export interface MinutesDiffView {
  from: number;
  to: number;
  items: Array<{ agendaItemId: string; title: string; changed: Array<'summary' | 'speakers' | 'conclusion' | 'tasks'>; before: MinutesItemView | null; after: MinutesItemView | null }>;
  factsChanged: boolean;
}

/**
 * What is hashed and kept when a version is published: everything the document says, nothing about
 * editing it. The documents (.docx, .pdf) are rendered from this, never from the live sources.
 * (Versions published before `superiorBody` and `locality` were cited lack them.)
 */
export interface PublishedMinutesContent {
  conferenceId: string;
  version: number;
  documentNumber: string | null;
  corrects: number | null;
  correctionReason: string | null;
  approvedByName: string | null;
  publishedAt: string;
  facts: MinutesFacts;
  items: Array<Omit<MinutesItemView, 'revision' | 'updatedAt' | 'updatedByName'>>;
}

/** The files a published version is rendered into (POST …/minutes/versions/:version/documents). */
export const MINUTES_DOCUMENT_FORMATS = ['docx', 'pdf'] as const;
export type MinutesDocumentFormat = (typeof MINUTES_DOCUMENT_FORMATS)[number];

export interface MinutesDocumentRequest {
  format: MinutesDocumentFormat;
}
