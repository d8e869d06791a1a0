export * from './user.entity';
export * from './org-unit.entity';
export * from './conference.entity';
export * from './site.entity';
export * from './participant.entity';
export * from './agenda-item.entity';
export * from './attendance-record.entity';
export * from './floor-request.entity';
export * from './conference-event.entity';
export * from './audit-entry.entity';
export * from './conference-feed.entity';
export * from './outbox-message.entity';
export * from './attendance-count.entity';
export * from './draft.entity';
export * from './comment.entity';
export * from './minutes.entity';
export * from './consolidation.entity';
export * from './document.entity';
export * from './poll.entity';
export * from './desk-message.entity';
export * from './notice.entity';
export * from './media-controls.entity';

import { AgendaItemEntity } from './agenda-item.entity';
import { AttendanceRecordEntity } from './attendance-record.entity';
import { ConferenceAttendanceEntity, SiteAttendanceEntity } from './attendance-count.entity';
import { AuditEntryEntity } from './audit-entry.entity';
import { CommentSubmissionEntity, DraftCommentEntity } from './comment.entity';
import { ConferenceFeedEntity } from './conference-feed.entity';
import { ConsolidationPointCommentEntity, ConsolidationPointEntity } from './consolidation.entity';
import { DeskMessageEntity, DeskReadEntity } from './desk-message.entity';
import { MediaControlsEntity } from './media-controls.entity';
import { DocumentEntity } from './document.entity';
import { NoticeEntity, NoticeReadEntity } from './notice.entity';
import { DraftEntity, DraftSectionEntity, DraftVersionEntity } from './draft.entity';
import { ConferenceEventEntity } from './conference-event.entity';
import { ConferenceEntity } from './conference.entity';
import { FloorRequestEntity } from './floor-request.entity';
import { MinutesItemEntity, MinutesVersionEntity } from './minutes.entity';
import { OrgUnitEntity } from './org-unit.entity';
import { OutboxMessageEntity } from './outbox-message.entity';
import { ParticipantEntity } from './participant.entity';
import { PollEntity, PollResultEntity } from './poll.entity';
import { SiteEntity } from './site.entity';
import { UserEntity } from './user.entity';

export const ENTITIES = [
  UserEntity, OrgUnitEntity, ConferenceEntity, SiteEntity, ParticipantEntity,
  AgendaItemEntity, AttendanceRecordEntity, FloorRequestEntity, ConferenceEventEntity, AuditEntryEntity,
  ConferenceFeedEntity, OutboxMessageEntity, SiteAttendanceEntity, ConferenceAttendanceEntity,
  DraftEntity, DraftVersionEntity, DraftSectionEntity, CommentSubmissionEntity, DraftCommentEntity,
  MinutesVersionEntity, MinutesItemEntity,
  ConsolidationPointEntity, ConsolidationPointCommentEntity, DocumentEntity,
  PollEntity, PollResultEntity,
  ConsolidationPointEntity, ConsolidationPointCommentEntity, DocumentEntity, DeskMessageEntity, DeskReadEntity,
  NoticeEntity, NoticeReadEntity, MediaControlsEntity,
];
