import { Global, Module } from '@nestjs/common';
import { ChangeRelayService } from './change-relay.service';
import { ConferenceChanges } from './conference-changes.service';
import { ConferenceSyncService } from './conference-sync.service';
import { ConferenceViews } from './conference-views';
import { ConferenceGateway } from './conference.gateway';
import { LocalSockets } from './local-sockets';

/** The conference change log: recording changes, publishing them to their audiences, catch-up and snapshots. */
@Global()
@Module({
  providers: [ConferenceChanges, ChangeRelayService, ConferenceViews, ConferenceSyncService, ConferenceGateway, LocalSockets],
  exports: [ConferenceChanges, ChangeRelayService, ConferenceViews, ConferenceSyncService, LocalSockets],
})
export class ChangeLogModule {}
