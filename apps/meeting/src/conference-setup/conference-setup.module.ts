import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { NoticesModule } from '../notices/notices.module';
import { ConferenceSetupController } from './conference-setup.controller';
import { ConferenceSetupService } from './conference-setup.service';

@Module({ imports: [AttendanceModule, ConferencesModule, NoticesModule], controllers: [ConferenceSetupController], providers: [ConferenceSetupService] })
export class ConferenceSetupModule {}
