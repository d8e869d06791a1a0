import { ApiProperty } from '@nestjs/swagger';
import type { MediaJoinTokenResponse } from '@hoinghi/contracts';
import { TimeProperty } from '../../common/api-docs';

export class MediaJoinTokenResponseDto implements MediaJoinTokenResponse {
  @ApiProperty({ description: 'Two-minute join token for the media gateway (socket.io auth: { token }).' }) token!: string;
  @TimeProperty() expiresAt!: string;
  @ApiProperty({ description: 'Where the browser connects socket.io (namespace /media): with several media gateways, the one this site is placed on (the least loaded live one, and the same one while it lives).' }) mediaUrl!: string;
  @ApiProperty({ type: String, nullable: true, description: 'That gateway\'s id (MEDIA_GATEWAY_ID); null when no gateway announces itself in Redis and mediaUrl is MEDIA_PUBLIC_URL.' }) gatewayId!: string | null;
}
