import { CONSOLIDATION_LIMITS, DISPOSITIONS, type CreatePointRequest, type Disposition, type UpdatePointRequest } from '@hoinghi/contracts';
import { ArrayMinSize } from 'class-validator';
import { EnumField, IdField, IdListField, TextField } from '../../common/dto-fields';

export class CreatePointRequestDto implements CreatePointRequest {
  @IdField({ optional: true, description: 'A section of the draft; absent: the section every grouped comment is on, else the whole draft.' })
  sectionId?: string;

  @TextField(CONSOLIDATION_LIMITS.summaryChars, { example: 'Bổ sung lộ trình đạt chỉ tiêu đảng viên theo từng năm.', description: 'The point in the secretariat\'s words.' })
  summary!: string;

  @IdListField(CONSOLIDATION_LIMITS.commentsPerPoint, { description: 'The comments it groups: active comments on this draft, on the point\'s section when it has one, not in another point.' })
  @ArrayMinSize(1, { message: 'must list at least one comment' })
  commentIds!: string[];

  @EnumField(DISPOSITIONS, { optional: true, description: '`accepted`: tiếp thu; `partly_accepted`: tiếp thu một phần; `explained`: giải trình. Absent: not decided yet.' })
  disposition?: Disposition;

  @TextField(CONSOLIDATION_LIMITS.responseChars, { optional: true, description: 'The answer; required for partly_accepted and explained.' })
  response?: string;
}

export class UpdatePointRequestDto implements UpdatePointRequest {
  @TextField(CONSOLIDATION_LIMITS.summaryChars, { optional: true })
  summary?: string;

  @EnumField(DISPOSITIONS, { optional: true, description: 'null: not decided yet; absent: unchanged.' })
  disposition?: Disposition | null;

  @TextField(CONSOLIDATION_LIMITS.responseChars, { optional: true })
  response?: string;

  @IdListField(CONSOLIDATION_LIMITS.commentsPerPoint, { optional: true, description: 'Comments to group into the point as well.' })
  addCommentIds?: string[];

  @IdListField(CONSOLIDATION_LIMITS.commentsPerPoint, { optional: true, description: 'Comments to take out of the point (it must keep one).' })
  removeCommentIds?: string[];
}
