import { Module } from '@nestjs/common';
import { MediaStatusSubscriber } from './media-status.subscriber';

@Module({ providers: [MediaStatusSubscriber] })
export class MediaStatusModule {}
