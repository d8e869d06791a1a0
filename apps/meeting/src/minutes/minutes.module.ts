import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { MinutesController } from './minutes.controller';
import { MinutesFactsReader } from './minutes-facts';
import { MinutesService } from './minutes.service';

@Module({ imports: [DocumentsModule], controllers: [MinutesController], providers: [MinutesService, MinutesFactsReader] })
export class MinutesModule {}
