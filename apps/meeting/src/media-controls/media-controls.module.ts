import { Module } from '@nestjs/common';
import { MediaControlsController } from './media-controls.controller';
import { MediaControlsService } from './media-controls.service';

@Module({ controllers: [MediaControlsController], providers: [MediaControlsService], exports: [MediaControlsService] })
export class MediaControlsModule {}
