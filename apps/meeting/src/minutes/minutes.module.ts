import { Module } from '@nestjs/common';
import { MinutesController } from './minutes.controller';
import { MinutesFactsReader } from './minutes-facts';
import { MinutesService } from './minutes.service';

@Module({ controllers: [MinutesController], providers: [MinutesService, MinutesFactsReader] })
export class MinutesModule {}
