import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { dataSourceOptions } from '@hoinghi/database';
import { HttpErrorFilter } from '@hoinghi/server-kit';
import { AccessModule } from './access/access.module';
import { AgendaModule } from './agenda/agenda.module';
import { AttendanceModule } from './attendance/attendance.module';
import { AuditModule } from './audit/audit.module';
import { AuthModule } from './auth/auth.module';
import { validationPipe } from './common/validation';
import { ConferenceSetupModule } from './conference-setup/conference-setup.module';
import { ConferencesModule } from './conferences/conferences.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { CommentsModule } from './comments/comments.module';
import { ConsolidationModule } from './consolidation/consolidation.module';
import { DocumentsModule } from './documents/documents.module';
import { DeskModule } from './desk/desk.module';
import { MediaControlsModule } from './media-controls/media-controls.module';
import { DraftsModule } from './drafts/drafts.module';
import { FloorModule } from './floor/floor.module';
import { HealthController } from './health/health.controller';
import { InternalModule } from './internal/internal.module';
import { MediaStatusModule } from './media-status/media-status.module';
import { MediaTokensModule } from './media-tokens/media-tokens.module';
import { NoticesModule } from './notices/notices.module';
import { MinutesModule } from './minutes/minutes.module';
import { OrgUnitsModule } from './org-units/org-units.module';
import { ParticipantImportModule } from './participant-import/participant-import.module';
import { ParticipantsModule } from './participants/participants.module';
import { PollsModule } from './polls/polls.module';
import { RecordingsModule } from './recordings/recordings.module';
import { ChangeLogModule } from './change-log/change-log.module';
import { SitesModule } from './sites/sites.module';
import { UsersModule } from './users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        // The owner migrated the schema before start (prepareDatabase); the service connects as its own role.
        TypeOrmModule.forRoot(dataSourceOptions({ url: config.databaseUrl })),
        AuthModule, AccessModule, ChangeLogModule,
        OrgUnitsModule, UsersModule, ConferencesModule, ConferenceSetupModule, SitesModule, ParticipantImportModule, ParticipantsModule,
        AgendaModule, AttendanceModule, FloorModule, DraftsModule, CommentsModule, ConsolidationModule, DocumentsModule, MinutesModule, PollsModule, AuditModule, DeskModule, MediaControlsModule, NoticesModule, MediaTokensModule, MediaStatusModule, RecordingsModule,
        InternalModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: APP_FILTER, useValue: new HttpErrorFilter() },
        { provide: APP_PIPE, useFactory: validationPipe },
      ],
    };
  }
}
