import { Global, Module } from '@nestjs/common';
import { ConferenceChanges } from './conference-changes.service';
import { ConferencePublisher } from './conference-publisher';
import { ConferenceSyncService } from './conference-sync.service';
import { ConferenceGateway } from './conference.gateway';
import { SnapshotService } from './snapshot.service';

@Global()
@Module({
  providers: [ConferenceChanges, ConferencePublisher, ConferenceSyncService, ConferenceGateway, SnapshotService],
  exports: [ConferenceChanges, ConferenceSyncService, SnapshotService, ConferencePublisher],
})
export class RealtimeModule {}
