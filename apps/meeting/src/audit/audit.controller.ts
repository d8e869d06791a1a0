import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { ParseIdPipe } from '../common/parse-id.pipe';
import { AuditService } from './audit.service';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  list(@CurrentUser() user: AuthUser, @Param('conferenceId', ParseIdPipe) conferenceId: string): Promise<AuditEntryView[]> {
    return this.audit.list(user, conferenceId);
  }
}
