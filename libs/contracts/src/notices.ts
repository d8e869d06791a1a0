// Notices (thông báo): a conference's scheduling, changes (time, place) and status announced in the app to
// everyone convened to it, in one list per person across their conferences, each read or not.

export const NOTICE_KINDS = ['scheduled', 'changed', 'started', 'adjourned', 'resumed', 'ended', 'cancelled'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export const NOTICE_PAGE = 100;

export interface NoticeView {
  id: string;
  conferenceId: string;
  conferenceTitle: string;
  kind: NoticeKind;
  at: string;
  /** The conference's planned time and the main hall's place, as they were when it was announced. */
  plannedStart: string;
  plannedEnd: string;
  place: string;
  /** The chair's reason (adjourning, cancelling), or what changed. */
  reason: string | null;
  read: boolean;
}

export interface NoticeList {
  items: NoticeView[];
  /** Unread notices in all (not only those listed). */
  unread: number;
}
