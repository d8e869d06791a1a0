import { Body, Controller, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SiteView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { AddSiteRequestDto } from './dto/site.dto';
import { SiteResponseDto } from './dto/site.response.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Endpoint({
    operationId: 'addSite', summary: 'Connects one more site, relayed through the main site or the one named.',
    response: SiteResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  add(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: AddSiteRequestDto,
  ): Promise<SiteView> {
    return this.sites.add(user, conferenceId, dto);
  }
}
