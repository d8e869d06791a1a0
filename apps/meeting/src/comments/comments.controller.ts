import { Body, Controller, Delete, Get, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CommentReceipt, CommentsSection, CommentView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { CommentsService } from './comments.service';
import { EditCommentRequestDto, ListCommentsQueryDto, SubmitCommentRequestDto } from './dto/comment.dto';
import { CommentReceiptResponseDto, CommentReceiptStateResponseDto, CommentResponseDto } from './dto/comment.response.dto';

@ApiTags('comments')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class CommentsController {
  constructor(private readonly comments: CommentsService) {}

  @Post('drafts/:draftId/comments')
  @HttpCode(202)
  @Endpoint({
    operationId: 'submitComment',
    summary: 'Submits a comment on a draft (a delegate\'s own, a site\'s opinion, or one from the floor) while consultation is open: answered 202 with a receipt once it is durable; the worker stores it. A resend with the same idempotencyKey answers the same receipt.',
    response: CommentReceiptResponseDto, status: 202, errors: [400, 401, 403, 404, 409],
  })
  submit(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Body() dto: SubmitCommentRequestDto,
  ): Promise<CommentReceipt> {
    return this.comments.submit(user, conferenceId, draftId, dto);
  }

  @Get('comments')
  @Endpoint({ operationId: 'listComments', summary: 'The comments the caller may see: the leaders every one, others their own and their site\'s opinions.', response: [CommentResponseDto], errors: [400, 401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Query() query: ListCommentsQueryDto): Promise<CommentView[]> {
    return this.comments.list(user, conferenceId, query.draftId);
  }

  @Get('comments/receipts/:receiptId')
  @Endpoint({ operationId: 'getCommentReceipt', summary: 'What became of one of the caller\'s submissions.', response: CommentReceiptStateResponseDto, errors: [401, 403, 404] })
  receipt(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('receiptId') receiptId: string): Promise<CommentsSection['receipts'][number]> {
    return this.comments.receipt(user, conferenceId, receiptId);
  }

  @Put('comments/:commentId')
  @Endpoint({ operationId: 'editComment', summary: 'Edits the caller\'s own comment while consultation is open.', response: CommentResponseDto, errors: [400, 401, 403, 404, 409] })
  edit(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('commentId') commentId: string,
    @Body() dto: EditCommentRequestDto,
  ): Promise<CommentView> {
    return this.comments.edit(user, conferenceId, commentId, dto);
  }

  @Delete('comments/:commentId')
  @Endpoint({ operationId: 'withdrawComment', summary: 'Withdraws the caller\'s own comment while consultation is open (it stays, marked withdrawn).', response: CommentResponseDto, errors: [401, 403, 404, 409] })
  withdraw(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('commentId') commentId: string): Promise<CommentView> {
    return this.comments.withdraw(user, conferenceId, commentId);
  }
}
