import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { ParticipantImportController } from './participant-import.controller';
import { ParticipantImportService } from './participant-import.service';

@Module({ imports: [AttendanceModule], controllers: [ParticipantImportController], providers: [ParticipantImportService] })
export class ParticipantImportModule {}
