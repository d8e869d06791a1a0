import { BullModule } from '@nestjs/bull';
import { Module } from '@nestjs/common';
import { QueueName } from '@hoinghi/contracts';
import { HeartbeatProcessor } from './heartbeat/heartbeat.processor';

@Module({})
export class WorkerModule {
  static forRoot(redisUrl: string) {
    return {
      module: WorkerModule,
      imports: [
        BullModule.forRoot({ redis: redisUrl }),
        BullModule.registerQueue({ name: QueueName.Maintenance }),
      ],
      providers: [HeartbeatProcessor],
    };
  }
}
