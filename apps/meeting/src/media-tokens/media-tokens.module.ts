import { Module } from '@nestjs/common';
import { GatewayDirectory } from './gateway-directory';
import { MediaTokensController } from './media-tokens.controller';
import { MediaTokensService } from './media-tokens.service';

@Module({ controllers: [MediaTokensController], providers: [MediaTokensService, GatewayDirectory] })
export class MediaTokensModule {}
