import { DynamicModule, Module } from '@nestjs/common';
import { MEDIA_CONFIG, MediaConfig } from './config/media-config';
import { HealthController } from './health/health.controller';
import { WorkerPool } from './workers/worker-pool.service';

@Module({})
export class MediaModule {
  static forRoot(config: MediaConfig): DynamicModule {
    return {
      module: MediaModule,
      controllers: [HealthController],
      providers: [{ provide: MEDIA_CONFIG, useValue: config }, WorkerPool],
    };
  }
}
