import { Module } from '@nestjs/common';
import { FloorModule } from '../floor/floor.module';
import { NoticesModule } from '../notices/notices.module';
import { ConferencesController } from './conferences.controller';
import { ConferencesService } from './conferences.service';

@Module({ imports: [FloorModule, NoticesModule], controllers: [ConferencesController], providers: [ConferencesService], exports: [ConferencesService] })
export class ConferencesModule {}
