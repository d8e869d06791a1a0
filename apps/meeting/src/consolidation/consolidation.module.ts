import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { ConsolidationController } from './consolidation.controller';
import { ConsolidationService } from './consolidation.service';

@Module({ imports: [DocumentsModule], controllers: [ConsolidationController], providers: [ConsolidationService] })
export class ConsolidationModule {}
