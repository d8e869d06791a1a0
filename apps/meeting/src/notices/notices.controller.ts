import { Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { NoticeList } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { NoticeListResponseDto, NoticeQueryDto } from './dto/notice.response.dto';
import { NoticesService } from './notices.service';

@ApiTags('notices')
@ApiBearerAuth()
@Controller('notices')
export class NoticesController {
  constructor(private readonly notices: NoticesService) {}

  @Get()
  @Endpoint({
    operationId: 'listNotices', summary: 'The caller\'s notices across the conferences they are convened to (scheduling, changes, start …), newest first, with the unread count.',
    response: NoticeListResponseDto, errors: [400, 401],
  })
  list(@CurrentUser() user: AuthUser, @Query() query: NoticeQueryDto): Promise<NoticeList> {
    return this.notices.list(user, query.unread === 'true');
  }

  @Post('read')
  @HttpCode(200)
  @Endpoint({ operationId: 'markAllNoticesRead', summary: 'Marks every notice of the caller read.', response: NoticeListResponseDto, errors: [401] })
  markAllRead(@CurrentUser() user: AuthUser): Promise<NoticeList> {
    return this.notices.markAllRead(user);
  }

  @Post(':noticeId/read')
  @HttpCode(200)
  @Endpoint({ operationId: 'markNoticeRead', summary: 'Marks one notice read (404 for a notice not addressed to the caller).', response: NoticeListResponseDto, errors: [400, 401, 404] })
  markRead(@CurrentUser() user: AuthUser, @IdParam('noticeId') noticeId: string): Promise<NoticeList> {
    return this.notices.markRead(user, noticeId);
  }
}
