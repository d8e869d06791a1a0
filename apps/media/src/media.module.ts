import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { MediaTokenGuard } from './auth/media-token.guard';
import { MeetingServiceGuard } from './auth/meeting-service.guard';
import { MediaTokenService } from './auth/media-token.service';
import { ClusterBus } from './cluster/cluster-bus';
import { ClusterService } from './cluster/cluster.service';
import { GatewayRegistry } from './cluster/gateway-registry';
import { UsedJoinTokens } from './auth/used-join-tokens';
import { MediaStatusPublisher } from './bus/media-status.publisher';
import { HttpErrorFilter } from '@hoinghi/server-kit';
import { fromMediasoup } from './common/media-errors';
import { MEDIA_CONFIG, MediaConfig } from './config/media-config';
import { HealthController } from './health/health.controller';
import { FloorHolders } from './programme/floor-holders';
import { FloorSource } from './programme/floor-source';
import { FloorSubscriber } from './programme/floor-subscriber.service';
import { MediaControlsHolder } from './programme/media-controls';
import { QualityMonitor } from './quality/quality-monitor.service';
import { RecordingService } from './recording/recording.service';
import { InternalRecordingsController } from './recording/internal-recordings.controller';
import { RecordingsController } from './recording/recordings.controller';
import { RoomsService } from './rooms/rooms.service';
import { SITE_CHANNEL } from './rooms/site-channel';
import { MediaGateway } from './signalling/media.gateway';
import { SiteNotifier } from './signalling/site-notifier';
import { WorkerPool } from './workers/worker-pool.service';

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: MediaModule,
      imports: [JwtModule.register({})],
      controllers: [HealthController, RecordingsController, InternalRecordingsController],
      providers: [
        { provide: MEDIA_CONFIG, useValue: config },
        { provide: APP_FILTER, useValue: new HttpErrorFilter('MediaHttpError', fromMediasoup) },
        WorkerPool,
        MediaTokenService,
        MediaTokenGuard,
        MeetingServiceGuard,
        UsedJoinTokens,
        MediaStatusPublisher,
        SiteNotifier,
        { provide: SITE_CHANNEL, useExisting: SiteNotifier },
        FloorSource,
        FloorHolders,
        MediaControlsHolder,
        RoomsService,
        GatewayRegistry,
        ClusterBus,
        ClusterService,
        FloorSubscriber,
        QualityMonitor,
        RecordingService,
        MediaGateway,
      ],
    };
  }
}
