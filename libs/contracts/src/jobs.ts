// Bull queues between the meeting service and the worker: names and payloads, declared once.
// Every payload carries `v`, so its shape can change safely while old jobs are still queued.

export const QueueName = {
  Maintenance: 'maintenance',
  /** Comments acknowledged by the API, stored by the worker. */
  Comments: 'comments',
  /** Documents (the consolidation report as .docx) rendered by the worker and kept in PostgreSQL. */
  Documents: 'documents',
  /** Ballots are committed by the API; the worker tallies turnout (and open votes) and counts a closed poll. */
  Ballots: 'ballots',
} as const;

export const JobName = {
  /** Proves the worker is consuming; answered with the worker's identity. */
  Heartbeat: 'heartbeat',
  /** Counts a conference's attendance again from the records and publishes the totals (when it starts). */
  RecountAttendance: 'attendance.recount',
  /** Stores an acknowledged comment submission (once, however often it runs) and tells its audiences. */
  StoreComment: 'comment.store',
  /** Renders a requested document into its row of `documents` (once: a ready one is left alone). */
  RenderDocument: 'document.render',
  /** A doorbell: recount a poll's turnout (and an open vote's tally) from PostgreSQL and tell its audiences. */
  TallyPoll: 'poll.tally',
  /** Counts a closed poll once and publishes its immutable result. */
  CountPoll: 'poll.count',
} as const;

export interface HeartbeatJob {
  sentAt: string;
}

export interface HeartbeatResult {
  worker: string;
  receivedAt: string;
}

export interface RecountAttendanceJob {
  v: 1;
  conferenceId: string;
}

export interface RecountAttendanceResult {
  /** Sites whose stored counts differed from their records and were repaired. */
  repairedSites: number;
}

export interface StoreCommentJob {
  v: 1;
  conferenceId: string;
  /** The submission (its receipt id); its content is in PostgreSQL, not in the job. */
  receiptId: string;
}

export interface StoreCommentResult {
  commentId: string;
  /** False when an earlier run already stored it. */
  stored: boolean;
}

export interface RenderDocumentJob {
  v: 1;
  conferenceId: string;
  /** The `documents` row (the job id the requester polls); what to render is in it, not in the job. */
  documentId: string;
}

export interface RenderDocumentResult {
  bytes: number;
  /** False when an earlier run already rendered it. */
  rendered: boolean;
}

/**
 * Both ballot jobs carry the poll, never a voter nor a choice: a ballot is in PostgreSQL before it is
 * acknowledged, and a job only says "look at this poll again". Jobs are removed once done.
 */
export interface PollJob {
  v: 1;
  conferenceId: string;
  pollId: string;
}

export interface TallyPollResult {
  voted: number;
}

export interface CountPollResult {
  cast: number;
  /** False when an earlier run already published the result. */
  published: boolean;
}
