import { Module } from '@nestjs/common';
import { NoticeSubscriber } from './notice.subscriber';
import { NoticesController } from './notices.controller';
import { NoticesService } from './notices.service';

@Module({ controllers: [NoticesController], providers: [NoticesService, NoticeSubscriber], exports: [NoticesService] })
export class NoticesModule {}
