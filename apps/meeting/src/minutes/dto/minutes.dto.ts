import { MINUTES_DOCUMENT_FORMATS, MINUTES_LIMITS, type MinutesDocumentFormat, type MinutesDocumentRequest } from '@hoinghi/contracts';
import { Matches } from 'class-validator';
import { EnumField, IdField, IntField, NestedListField, TextField } from '../../common/dto-fields';

export class MinutesSpeakerDto {
  @IdField({ optional: true, description: 'The floor request the speaker came from (kept as a link to the floor log).' })
  floorRequestId?: string;

  @TextField(MINUTES_LIMITS.nameChars, { example: 'Nguyễn Văn An' })
  fullName!: string;

  @TextField(MINUTES_LIMITS.nameChars, { example: 'Thành phố Sa Đéc' })
  siteName!: string;

  @TextField(MINUTES_LIMITS.textChars, { optional: true, description: 'What they said, as the recorder wrote it.' })
  summary?: string;
}

export class MinutesTaskDto {
  @TextField(MINUTES_LIMITS.nameChars, { example: 'Ban Tuyên giáo Tỉnh ủy' })
  unit!: string;

  @TextField(MINUTES_LIMITS.textChars, { example: 'Hoàn chỉnh dự thảo báo cáo chính trị' })
  task!: string;

  @TextField(10, { optional: true, description: 'yyyy-mm-dd; absent or empty: no date.', example: '2026-12-15' })
  @Matches(/^(\d{4}-\d{2}-\d{2})?$/, { message: 'must be a date as yyyy-mm-dd' })
  due?: string;
}

/** The secretariat's text of one agenda item; every part left out stays as it is. */
export class EditMinutesItemRequestDto {
  @IntField(0, 1_000_000, { description: 'The revision the editor started from: another editor\'s newer revision answers 409 MINUTES_ITEM_STALE with the current text.' })
  revision!: number;

  @TextField(MINUTES_LIMITS.textChars, { optional: true, description: 'Diễn biến: what happened under this item.' })
  summary?: string;

  @TextField(MINUTES_LIMITS.textChars, { optional: true, description: 'Kết luận: the chair\'s conclusion.' })
  conclusion?: string;

  @NestedListField(() => MinutesSpeakerDto, 'speaker', 0, MINUTES_LIMITS.speakers, { optional: true })
  speakers?: MinutesSpeakerDto[];

  @NestedListField(() => MinutesTaskDto, 'task', 0, MINUTES_LIMITS.tasks, { optional: true })
  tasks?: MinutesTaskDto[];
}

export class AddMinutesSpeakerRequestDto {
  @IdField({ description: 'A floor request of this conference that was granted: its speaker, site and times go into the item.' })
  floorRequestId!: string;
}

export class MinutesReasonRequestDto {
  @TextField(MINUTES_LIMITS.reasonChars, { example: 'Bổ sung ý kiến của đồng chí Bí thư Huyện ủy Lai Vung.' })
  reason!: string;
}

export class MinutesDiffQueryDto {
  @IntField(1, 10_000, { fromQuery: true })
  from!: number;

  @IntField(1, 10_000, { fromQuery: true })
  to!: number;
}

export class MinutesDocumentRequestDto implements MinutesDocumentRequest {
  @EnumField(MINUTES_DOCUMENT_FORMATS, { description: 'docx (Word) or pdf (signed with the issuing body\'s certificate when the worker has one).' })
  format!: MinutesDocumentFormat;
}
