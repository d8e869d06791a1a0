import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OrgUnitView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { CreateOrgUnitRequestDto, SearchOrgUnitsQueryDto } from './dto/org-unit.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  search(@Query() query: SearchOrgUnitsQueryDto): Promise<OrgUnitView[]> {
    return this.units.search(query);
  }

  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgUnitRequestDto): Promise<OrgUnitView> {
    return this.units.create(user, dto);
  }
}
