import { COMMENT_KINDS, COMMENT_LIMITS, type CommentKind, type EditCommentRequest, type SubmitCommentRequest } from '@hoinghi/contracts';
import { EnumField, IdempotencyKeyField, IdField, TextField } from '../../common/dto-fields';

export class SubmitCommentRequestDto implements SubmitCommentRequest {
  @IdempotencyKeyField('Made by the client once per comment (e.g. a UUID) and sent again on every retry of it: the same author and key in a conference answer the first receipt and store nothing new.')
  idempotencyKey!: string;

  @EnumField(COMMENT_KINDS, { description: '`delegate`: your own comment; `site`: your site\'s collective opinion (its chair or operator); `floor`: a comment spoken from the floor (the secretary).' })
  kind!: CommentKind;

  @IdField({ optional: true, description: 'A section of the draft\'s current version; absent: the whole draft.' })
  sectionId?: string;

  @TextField(COMMENT_LIMITS.textChars, { example: 'Đề nghị bổ sung chỉ tiêu về tỷ lệ đảng viên trẻ.' })
  text!: string;

  @TextField(COMMENT_LIMITS.proposalChars, { optional: true, description: 'Đề nghị sửa thành: the wording proposed.' })
  proposal?: string;

  @IdField({ optional: true, description: '`site`: the site whose opinion this is.' })
  siteId?: string;

  @IdField({ optional: true, description: '`floor`: the participant who spoke; may be left out when floorRequestId names them.' })
  speakerParticipantId?: string;

  @IdField({ optional: true, description: '`floor`: the floor request they spoke under (from the floor log: enough by itself).' })
  floorRequestId?: string;
}

export class EditCommentRequestDto implements EditCommentRequest {
  @TextField(COMMENT_LIMITS.textChars)
  text!: string;

  @TextField(COMMENT_LIMITS.proposalChars, { optional: true, description: 'Absent or empty: no proposed wording.' })
  proposal?: string;
}

export class ListCommentsQueryDto {
  @IdField({ optional: true, description: 'Only this draft\'s comments.' })
  draftId?: string;
}

