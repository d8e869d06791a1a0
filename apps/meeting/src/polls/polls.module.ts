import { Module } from '@nestjs/common';
import { BallotBell } from './ballot-bell';
import { BallotBox } from './ballot-box';
import { PollsController } from './polls.controller';
import { PollsService } from './polls.service';

@Module({ controllers: [PollsController], providers: [PollsService, BallotBox, BallotBell] })
export class PollsModule {}
