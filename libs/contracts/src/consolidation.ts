// Consolidation of comments (tổng hợp, tiếp thu, giải trình): the secretariat groups comments that say
// the same thing into one point, decides on each point, and reports on it per draft.

/** `accepted`: tiếp thu; `partly_accepted`: tiếp thu một phần; `explained`: giải trình (not accepted). */
export const DISPOSITIONS = ['accepted', 'partly_accepted', 'explained'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

export const CONSOLIDATION_LIMITS = {
  summaryChars: 2000,
  responseChars: 5000,
  /** Comments one point may group. */
  commentsPerPoint: 500,
  /** Points one new version may record as absorbed. */
  absorbedPerVersion: 1000,
} as const;

/** One point of the consolidation: what several comments say, and what the secretariat decided. */
export interface ConsolidationPointView {
  id: string;
  draftId: string;
  /** A section of the version the comments were made on; null: the whole draft. */
  sectionId: string | null;
  /** The section's own numbering ("Điều 2."); '' for the whole draft. */
  sectionLabel: string;
  /** The point in the secretariat's words. */
  summary: string;
  /** The comments it groups (a comment is in at most one point). */
  commentIds: string[];
  /** null: not decided yet. */
  disposition: Disposition | null;
  /** The answer: how it was absorbed, or why not (giải trình). */
  response: string;
  /** The draft version that absorbed it, once the secretariat saved one naming it. */
  absorbedInVersion: number | null;
  createdAt: string;
  updatedAt: string;
}

/** Body of POST /conferences/:id/drafts/:draftId/points. */
export interface CreatePointRequest {
  /** Absent: the section every grouped comment is on, or the whole draft when they differ. */
  sectionId?: string;
  summary: string;
  commentIds: string[];
  disposition?: Disposition;
  response?: string;
}

/** Body of PATCH /conferences/:id/points/:pointId: only what is given changes. */
export interface UpdatePointRequest {
  summary?: string;
  /** null: undecided again. */
  disposition?: Disposition | null;
  response?: string;
  addCommentIds?: string[];
  removeCommentIds?: string[];
}

/** Who raised a point: its comments' sites and people (a site's opinion counts for its site only). */
export interface ReportPoint {
  pointId: string;
  summary: string;
  disposition: Disposition | null;
  response: string;
  absorbedInVersion: number | null;
  /** Active comments grouped (withdrawn ones are not counted). */
  commentCount: number;
  sites: Array<{ id: string; name: string }>;
  delegates: string[];
  comments: Array<{ id: string; who: string; siteName: string | null; text: string; proposal: string | null }>;
}

export interface ReportSection {
  /** null: points on the whole draft. */
  sectionId: string | null;
  label: string;
  heading: string;
  points: ReportPoint[];
}

export interface ReportTotals {
  /** Active comments on the draft. */
  comments: number;
  /** Of them, grouped into a point. */
  consolidated: number;
  points: number;
  /** Points per disposition; `pending`: not decided yet. */
  byDisposition: Record<Disposition | 'pending', number>;
  /** Distinct sites and delegates that commented on the draft. */
  sites: number;
  delegates: number;
}

/** GET /conferences/:id/drafts/:draftId/report: the consolidation report, section by section. */
export interface ConsolidationReportView {
  draftId: string;
  title: string;
  version: number;
  conferenceTitle: string;
  /** The body that issues the report (the conference's host unit) and the one above it, for the document header. */
  issuingBody: string;
  superiorBody: string | null;
  /** Where it is issued: the main site's place (the place and date line). */
  place: string;
  generatedAt: string;
  sections: ReportSection[];
  totals: ReportTotals;
}

// Documents rendered by the worker (the documents queue) and kept in PostgreSQL until fetched.

export const DOCUMENT_STATUSES = ['queued', 'ready', 'failed'] as const;
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

export const DOCUMENT_KINDS = ['consolidation-report', 'minutes-docx', 'minutes-pdf'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const DOCX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF_CONTENT_TYPE = 'application/pdf';

/** The answer to a render request (202): poll GET …/documents/:jobId. */
export interface DocumentJobReceipt {
  jobId: string;
  status: DocumentStatus;
}

/** GET /conferences/:id/documents/:jobId; the bytes at …/documents/:jobId/file once `ready`. */
export interface DocumentJobView {
  jobId: string;
  kind: DocumentKind;
  status: DocumentStatus;
  fileName: string;
  /** Once ready. */
  bytes: number | null;
  /** Why rendering failed (status `failed`). */
  error: string | null;
  /**
   * A ready PDF carrying the issuing body's digital signature (PAdES): the certificate's common name;
   * null when it is not signed (no certificate configured on the worker, or not a PDF).
   */
  signedBy: string | null;
  createdAt: string;
  readyAt: string | null;
}
