import { ApiProperty } from '@nestjs/swagger';
import { NOTICE_KINDS, type NoticeKind, type NoticeList, type NoticeView } from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';
import { EnumField } from '../../common/dto-fields';

export class NoticeResponseDto implements NoticeView {
  @IdProperty() id!: string;
  @IdProperty() conferenceId!: string;
  @ApiProperty() conferenceTitle!: string;
  @EnumProperty(NOTICE_KINDS) kind!: NoticeKind;
  @TimeProperty() at!: string;
  @TimeProperty({ description: 'The planned start when it was announced.' }) plannedStart!: string;
  @TimeProperty() plannedEnd!: string;
  @ApiProperty({ description: 'The main hall\'s place when it was announced.' }) place!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The chair\'s reason (adjourning, cancelling), or what changed.' }) reason!: string | null;
  @ApiProperty() read!: boolean;
}

export class NoticeListResponseDto implements NoticeList {
  @ApiProperty({ type: [NoticeResponseDto], description: 'Newest first, at most 100.' }) items!: NoticeResponseDto[];
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Unread notices in all.' }) unread!: number;
}

export class NoticeQueryDto {
  @EnumField(['true', 'false'], { optional: true, description: 'Only unread notices (`true`).' })
  unread?: 'true' | 'false';
}
