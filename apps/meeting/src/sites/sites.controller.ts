import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { SiteView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AddSiteRequestDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/sites')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  add(
    @CurrentUser() user: AuthUser,
    @Param('conferenceId', ParseIdPipe) conferenceId: string,
    @Body() dto: AddSiteRequestDto,
  ): Promise<SiteView> {
    return this.sites.add(user, conferenceId, dto);
  }
}
