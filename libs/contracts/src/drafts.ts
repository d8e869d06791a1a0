// Drafts (dự thảo) put to a conference for comment: versions of numbered sections.
import type { Disposition } from './consolidation';

export const CONSULTATION_STATES = ['not_open', 'open', 'closed'] as const;
export type ConsultationState = (typeof CONSULTATION_STATES)[number];

export const DRAFT_SOURCES = ['docx', 'text'] as const;
export type DraftSource = (typeof DRAFT_SOURCES)[number];

/** What one draft may hold: a Word file up to 5 MB, as much text as a long regulation. */
export const DRAFT_LIMITS = {
  fileBytes: 5 * 1024 * 1024,
  textChars: 500_000,
  sections: 3000,
  titleChars: 300,
  noteChars: 1000,
} as const;

/** A draft as everyone in the conference sees it in the list (the snapshot's `drafts`). */
export interface DraftSummary {
  id: string;
  agendaItemId: string | null;
  title: string;
  currentVersion: number;
  sectionCount: number;
  consultation: ConsultationState;
  updatedAt: string;
}

export interface DraftSectionView {
  id: string;
  /** 1-based, in document order. */
  position: number;
  /** The document's own numbering ("Chương II", "Điều 3.", "2.", "b)"); '' for the text before the first. */
  label: string;
  heading: string;
  text: string;
  /** Depth in the outline: parts 1, chapters 2, sections 3, Roman headings 4, articles 5, points 6, lettered points 8. */
  level: number;
  parentId: string | null;
}

export interface DraftVersionView {
  draftId: string;
  title: string;
  agendaItemId: string | null;
  version: number;
  source: DraftSource;
  fileName: string | null;
  note: string;
  createdAt: string;
  createdByName: string;
  sections: DraftSectionView[];
  /** The consolidation points this version absorbed (recorded when the secretariat saved it). */
  absorbedPoints: Array<{ id: string; summary: string; sectionLabel: string; disposition: Disposition | null }>;
}

export type DraftSectionChange =
  | { change: 'unchanged' | 'changed'; before: DraftSectionView; after: DraftSectionView }
  | { change: 'added'; after: DraftSectionView }
  | { change: 'removed'; before: DraftSectionView };

export interface DraftDiffView {
  draftId: string;
  from: number;
  to: number;
  changes: DraftSectionChange[];
}

/** Body of POST /conferences/:id/drafts (pasted text); a .docx goes to …/drafts/import as multipart. */
export interface CreateDraftRequest {
  title: string;
  agendaItemId?: string;
  text: string;
}

/** Body of POST …/drafts/:draftId/versions (pasted text); a .docx goes to …/versions/import. */
export interface NewDraftVersionRequest {
  text: string;
  note?: string;
  /** The consolidation points of this draft the new version absorbs (accepted or partly accepted ones). */
  absorbedPointIds?: string[];
}
