// The audit trail (nhật ký): every change of a conference as an action by a person or the platform.

/** The actions the services write, each worded in the web app's dictionaries (the compiler asks for both). */
export const AUDIT_ACTIONS = [
  'conference.create', 'conference.copy', 'conference.update', 'conference.schedule', 'conference.start', 'conference.adjourn', 'conference.resume', 'conference.end', 'conference.cancel',
  'site.add', 'participant.add', 'participant.update', 'participant.remove', 'participant.import',
  'agenda.add', 'agenda.reorder', 'agenda.next', 'agenda.start', 'agenda.complete', 'agenda.skip', 'agenda.reopen',
  'attendance.check-in', 'attendance.check-out', 'attendance.recount',
  'floor.request', 'floor.withdraw', 'floor.move', 'floor.grant', 'floor.limit', 'floor.end',
  'draft.create', 'draft.version', 'consultation.open', 'consultation.close',
  'comment.submit', 'comment.store', 'comment.edit', 'comment.withdraw',
  'point.create', 'point.update', 'point.delete',
  'minutes.item-edited', 'minutes.speaker-added', 'minutes.submit', 'minutes.return', 'minutes.approve', 'minutes.publish', 'minutes.correction',
  'poll.create', 'poll.runoff', 'poll.open', 'poll.close', 'poll.publish',
  'document.request', 'desk.message',
  'media.worker-died', 'media.worker-replaced', 'media.site-quality', 'media.share-permission', 'media.mute', 'media.unmute',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** The group an action belongs to (its first word): `?action=floor` finds every floor action. */
export type AuditGroup = AuditAction extends `${infer G}.${string}` ? G : never;
export const AUDIT_ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split('.')[0] as AuditGroup))] as readonly AuditGroup[];

export const AUDIT_PAGE_MAX = 500;

/** Query of GET /conferences/:id/audit: every filter optional, all applied together. */
export interface AuditQuery {
  /** An action (`floor.grant`) or a group (`floor`). */
  action?: string;
  /** Who did it (a user id). */
  actorUserId?: string;
  /** From this instant (inclusive) … */
  from?: string;
  /** … to this one (exclusive). */
  to?: string;
  /** At most this many, newest first (1–500, default 500). */
  limit?: number;
}
