import { Module } from '@nestjs/common';
import { AttendanceModule } from '../attendance/attendance.module';
import { NoticesModule } from '../notices/notices.module';
import { ParticipantsController } from './participants.controller';
import { ParticipantsService } from './participants.service';

@Module({ imports: [AttendanceModule, NoticesModule], controllers: [ParticipantsController], providers: [ParticipantsService] })
export class ParticipantsModule {}
