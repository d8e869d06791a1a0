import { Module } from '@nestjs/common';
import { MediaGatewayClient } from './media-gateway.client';
import { RecordingsController } from './recordings.controller';
import { RecordingsService } from './recordings.service';

@Module({ controllers: [RecordingsController], providers: [RecordingsService, MediaGatewayClient] })
export class RecordingsModule {}
