import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditEntryView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { AuditService } from './audit.service';
import { AuditEntryResponseDto } from './dto/audit-entry.response.dto';
import { AuditQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Endpoint({ operationId: 'listAuditEntries', summary: 'The conference\'s audit log, newest first, filtered by action (or group), person and time (the chairs and the secretariat).', response: [AuditEntryResponseDto], errors: [400, 401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Query() query: AuditQueryDto): Promise<AuditEntryView[]> {
    return this.audit.list(user, conferenceId, query);
  }
}
