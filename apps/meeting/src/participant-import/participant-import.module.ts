import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { NoticesModule } from '../notices/notices.module';
import { ParticipantImportController } from './participant-import.controller';
import { ParticipantImportService } from './participant-import.service';

@Module({ imports: [AttendanceModule, NoticesModule], controllers: [ParticipantImportController], providers: [ParticipantImportService] })
export class ParticipantImportModule {}
