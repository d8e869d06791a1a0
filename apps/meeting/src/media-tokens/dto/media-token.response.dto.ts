import { ApiProperty } from '@nestjs/swagger';
import type { MediaJoinTokenResponse } from '@hoinghi/contracts';
import { TimeProperty } from '../../common/api-docs';

export class MediaJoinTokenResponseDto implements MediaJoinTokenResponse {
  @ApiProperty({ description: 'Two-minute join token for the media gateway (socket.io auth: { token }).' }) token!: string;
  @TimeProperty() expiresAt!: string;
  @ApiProperty({ description: 'Where the browser connects socket.io (namespace /media).' }) mediaUrl!: string;
}
