import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { OrgUnitView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { CreateOrgUnitRequestDto, SearchOrgUnitsQueryDto, UpdateOrgUnitRequestDto } from './dto/org-unit.dto';
import { OrgUnitResponseDto } from './dto/org-unit.response.dto';
import { OrgUnitsService } from './org-units.service';

@ApiTags('org-units')
@ApiBearerAuth()
@Controller('org-units')
export class OrgUnitsController {
  constructor(private readonly units: OrgUnitsService) {}

  @Get()
  @Endpoint({
    operationId: 'searchOrgUnits', summary: 'Organisation units by name ("dong thap" finds "Đồng Tháp") or parent.',
    response: [OrgUnitResponseDto], errors: [400, 401],
  })
  search(@Query() query: SearchOrgUnitsQueryDto): Promise<OrgUnitView[]> {
    return this.units.search(query);
  }

  @Post()
  @Endpoint({
    operationId: 'createOrgUnit', summary: 'Adds a unit to the organisation tree (administrators).',
    response: OrgUnitResponseDto, status: 201, errors: [400, 401, 403, 404],
  })
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOrgUnitRequestDto): Promise<OrgUnitView> {
    return this.units.create(user, dto);
  }

  @Patch(':orgUnitId')
  @Endpoint({
    operationId: 'updateOrgUnit', summary: 'Renames, relabels or moves a unit, or records when its new term began (administrators); never under itself (400 ORG_UNIT_CYCLE).',
    response: OrgUnitResponseDto, errors: [400, 401, 403, 404],
  })
  update(@CurrentUser() user: AuthUser, @IdParam('orgUnitId') orgUnitId: string, @Body() dto: UpdateOrgUnitRequestDto): Promise<OrgUnitView> {
    return this.units.update(user, orgUnitId, dto);
  }
}
