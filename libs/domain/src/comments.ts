import type { Audience, CommentKind, ConsultationState, ViewerScope } from '@hoinghi/contracts';
import { canSee } from './audiences';
import { conflict } from './errors';

/**
 * Who sees a comment: its author, the leaders (chairs and secretariat, who consolidate), and for a
 * site's collective opinion that site's staff. Never another site, nor the author's own site's delegates.
 */
export function commentAudiences(comment: { kind: CommentKind; authorUserId: string; siteId: string | null }): Audience[] {
  const audiences: Audience[] = [{ kind: 'leaders' }, { kind: 'person', userId: comment.authorUserId }];
  if (comment.kind === 'site' && comment.siteId) audiences.push({ kind: 'site-staff', siteId: comment.siteId });
  return audiences;
}

/** The same rule for snapshots and REST answers as for the deltas. */
export const canSeeComment = (scope: ViewerScope, comment: Parameters<typeof commentAudiences>[0]) =>
  commentAudiences(comment).some((audience) => canSee(scope, audience));

/** Comments are taken, edited and withdrawn only while the draft's consultation is open. */
export function assertConsultationOpen(state: ConsultationState, title: string): void {
  if (state === 'open') return;
  throw conflict('CONSULTATION_NOT_OPEN', state === 'closed'
    ? `Consultation on "${title}" is closed: comments can no longer be sent, edited or withdrawn.`
    : `Consultation on "${title}" has not been opened yet.`);
}

/** The chair opens a consultation (again, after closing it) and closes an open one. */
export function nextConsultationState(state: ConsultationState, action: 'open' | 'close'): ConsultationState {
  if (action === 'open' && state !== 'open') return 'open';
  if (action === 'close' && state === 'open') return 'closed';
  throw conflict('CONSULTATION_WRONG_STATE', action === 'open' ? 'Consultation is already open.' : 'Consultation is not open, so it cannot be closed.');
}
