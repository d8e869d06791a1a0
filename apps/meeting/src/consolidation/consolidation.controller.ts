import { Body, Controller, Delete, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ConsolidationPointView, ConsolidationReportView, DocumentJobReceipt } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { DocumentJobReceiptResponseDto } from '../documents/dto/document.response.dto';
import { ConsolidationService } from './consolidation.service';
import { ConsolidationPointResponseDto, ConsolidationReportResponseDto } from './dto/consolidation.response.dto';
import { CreatePointRequestDto, UpdatePointRequestDto } from './dto/point.dto';

@ApiTags('consolidation')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class ConsolidationController {
  constructor(private readonly consolidation: ConsolidationService) {}

  @Get('drafts/:draftId/points')
  @Endpoint({ operationId: 'listPoints', summary: 'The consolidation points of a draft (the chairs and the secretariat).', response: [ConsolidationPointResponseDto], errors: [401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<ConsolidationPointView[]> {
    return this.consolidation.list(user, conferenceId, draftId);
  }

  @Post('drafts/:draftId/points')
  @Endpoint({ operationId: 'createPoint', summary: 'Groups comments on a draft that say the same thing into one point, optionally with its disposition (the secretariat).', response: ConsolidationPointResponseDto, status: 201, errors: [400, 401, 403, 404, 409] })
  create(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Body() dto: CreatePointRequestDto,
  ): Promise<ConsolidationPointView> {
    return this.consolidation.create(user, conferenceId, draftId, dto);
  }

  @Patch('points/:pointId')
  @Endpoint({ operationId: 'updatePoint', summary: 'Edits a point: its summary, disposition and response, and the comments it groups (the secretariat).', response: ConsolidationPointResponseDto, errors: [400, 401, 403, 404, 409] })
  update(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('pointId') pointId: string,
    @Body() dto: UpdatePointRequestDto,
  ): Promise<ConsolidationPointView> {
    return this.consolidation.update(user, conferenceId, pointId, dto);
  }

  @Delete('points/:pointId')
  @HttpCode(204)
  @Endpoint({ operationId: 'deletePoint', summary: 'Deletes a point not yet absorbed into a version; its comments may be grouped again (the secretariat).', response: null, errors: [401, 403, 404, 409] })
  remove(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('pointId') pointId: string): Promise<void> {
    return this.consolidation.remove(user, conferenceId, pointId);
  }

  @Get('drafts/:draftId/report')
  @Endpoint({ operationId: 'getConsolidationReport', summary: 'The consolidation report of a draft: per section each point, who raised it, the disposition and response; totals.', response: ConsolidationReportResponseDto, errors: [401, 403, 404] })
  report(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<ConsolidationReportView> {
    return this.consolidation.report(user, conferenceId, draftId);
  }

  @Post('drafts/:draftId/report')
  @HttpCode(202)
  @Endpoint({ operationId: 'renderConsolidationReport', summary: 'Asks the worker to render the consolidation report as .docx: answered 202 with the job id to poll at GET …/documents/:jobId.', response: DocumentJobReceiptResponseDto, status: 202, errors: [401, 403, 404] })
  renderReport(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<DocumentJobReceipt> {
    return this.consolidation.requestReport(user, conferenceId, draftId);
  }
}
