import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OrgUnitEntity } from '@hoinghi/database';
import { OrgUnitsController } from './org-units.controller';
import { OrgUnitsService } from './org-units.service';

@Module({ imports: [TypeOrmModule.forFeature([OrgUnitEntity])], controllers: [OrgUnitsController], providers: [OrgUnitsService] })
export class OrgUnitsModule {}
