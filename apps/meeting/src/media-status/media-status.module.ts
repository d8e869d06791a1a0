import { Module } from '@nestjs/common';
import { RealtimeModule } from '../realtime/realtime.module';
import { MediaStatusSubscriber } from './media-status.subscriber';

@Module({ imports: [RealtimeModule], providers: [MediaStatusSubscriber] })
export class MediaStatusModule {}
