import { ApiProperty } from '@nestjs/swagger';
import { FLOOR_REQUEST_STATUSES, type FloorRequestStatus, type FloorRequestView, type FloorState, type FloorTopicSection } from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class FloorTopicSectionResponseDto implements FloorTopicSection {
  @IdProperty() id!: string;
  @IdProperty() draftId!: string;
  @ApiProperty() draftTitle!: string;
  @ApiProperty({ example: 'Mục 2' }) label!: string;
  @ApiProperty() heading!: string;
}

export class FloorRequestResponseDto implements FloorRequestView {
  @IdProperty() id!: string;
  @IdProperty() siteId!: string;
  @ApiProperty({ description: 'The site\'s name, so a site that sees only part of the conference can say where the speaker is.' }) siteName!: string;
  @IdProperty({ nullable: true, description: 'null when the site itself asks.' }) participantId!: string | null;
  @ApiProperty({ description: 'The delegate\'s name, or the site\'s name when a site asks.' }) speakerName!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @EnumProperty(FLOOR_REQUEST_STATUSES) status!: FloorRequestStatus;
  @TimeProperty() requestedAt!: string;
  @TimeProperty({ nullable: true }) grantedAt!: string | null;
  @TimeProperty({ nullable: true }) endedAt!: string | null;
  @ApiProperty({ type: 'integer', nullable: true }) spokenSeconds!: number | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 1, description: '1-based place in the whole queue while waiting, else null.' }) place!: number | null;
  @ApiProperty({ type: FloorTopicSectionResponseDto, nullable: true, description: 'The draft section the speaker will speak about.' }) section!: FloorTopicSectionResponseDto | null;
  @ApiProperty({ type: 'integer', nullable: true, minimum: 30, maximum: 3600, description: 'The chair\'s speaking-time limit for this turn, in seconds.' }) limitSeconds!: number | null;
}

export class FloorStateResponseDto implements FloorState {
  @ApiProperty({ type: FloorRequestResponseDto, nullable: true, description: 'Who has the floor now.' }) holder!: FloorRequestResponseDto | null;
  @ApiProperty({ type: [FloorRequestResponseDto], description: 'Waiting, in the order the chair will grant them: every request for the chairs and secretariat, a site\'s own for a site.' }) queue!: FloorRequestResponseDto[];
}
