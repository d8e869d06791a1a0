import { ApiProperty } from '@nestjs/swagger';
import type { DeskMessageView, DeskThreadView } from '@hoinghi/contracts';
import { IdProperty, TimeProperty } from '../../common/api-docs';

export class DeskMessageResponseDto implements DeskMessageView {
  @IdProperty() id!: string;
  @IdProperty({ description: 'The site whose thread this is.' }) siteId!: string;
  @IdProperty() authorUserId!: string;
  @ApiProperty() authorName!: string;
  @ApiProperty({ description: 'Sent from the main hall\'s technical desk (true) or by the site\'s own staff (false).' }) fromDesk!: boolean;
  @ApiProperty() text!: string;
  @TimeProperty() sentAt!: string;
}

export class DeskThreadResponseDto implements DeskThreadView {
  @IdProperty() siteId!: string;
  @ApiProperty() siteName!: string;
  @ApiProperty({ type: DeskMessageResponseDto, nullable: true }) lastMessage!: DeskMessageResponseDto | null;
  @ApiProperty({ type: 'integer', minimum: 0, description: 'Messages by others after the caller last read the thread.' }) unread!: number;
}
