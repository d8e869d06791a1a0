import { Module } from '@nestjs/common';
import { MediaTokensController } from './media-tokens.controller';
import { MediaTokensService } from './media-tokens.service';

@Module({ controllers: [MediaTokensController], providers: [MediaTokensService] })
export class MediaTokensModule {}
