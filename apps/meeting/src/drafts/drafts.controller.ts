import { Body, Controller, Get, HttpCode, Param, ParseIntPipe, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import { DRAFT_LIMITS, type DraftDiffView, type DraftSummary, type DraftVersionView } from '@hoinghi/contracts';
import { blocksFromText, invalid } from '@hoinghi/domain';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { readDocx } from './docx-reader';
import { DraftsService } from './drafts.service';
import {
  CreateDraftRequestDto, DraftDiffQueryDto, ImportDraftRequestDto, ImportDraftVersionRequestDto, NewDraftVersionRequestDto,
} from './dto/draft.dto';
import { DraftDiffResponseDto, DraftSummaryResponseDto, DraftVersionResponseDto } from './dto/draft.response.dto';

/** What multer hands over for the `file` part (kept to what is read here). */
interface UploadedDocx {
  buffer: Buffer;
  originalname: string;
}

const docxUpload = () => UseInterceptors(FileInterceptor('file', { limits: { fileSize: DRAFT_LIMITS.fileBytes, files: 1 } }));
const docxBody = (fields: Record<string, object>) =>
  ApiBody({ schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary', description: `A .docx, at most ${DRAFT_LIMITS.fileBytes} bytes.` }, ...fields } } });

async function docxContent(file: UploadedDocx | undefined) {
  if (!file) throw invalid('DRAFT_FILE_INVALID', 'is required (a .docx in the multipart field "file")', 'file');
  // Browsers send the name as UTF-8 bytes that multer reads as latin1.
  const fileName = Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255);
  return { source: 'docx' as const, fileName, blocks: await readDocx(file.buffer) };
}

@ApiTags('drafts')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/drafts')
export class DraftsController {
  constructor(private readonly drafts: DraftsService) {}

  @Get()
  @Endpoint({ operationId: 'listDrafts', summary: 'The drafts put to the conference.', response: [DraftSummaryResponseDto], errors: [401, 403, 404] })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<DraftSummary[]> {
    return this.drafts.list(user, conferenceId);
  }

  @Post()
  @Endpoint({ operationId: 'createDraft', summary: 'Puts a pasted draft to the conference, split into its numbered sections (the secretariat).', response: DraftVersionResponseDto, status: 201, errors: [400, 401, 403, 404] })
  create(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Body() dto: CreateDraftRequestDto): Promise<DraftVersionView> {
    return this.drafts.create(user, conferenceId, dto, { source: 'text', fileName: null, blocks: blocksFromText(dto.text) });
  }

  @Post('import')
  @docxUpload()
  @ApiConsumes('multipart/form-data')
  @docxBody({ title: { type: 'string', maxLength: DRAFT_LIMITS.titleChars }, agendaItemId: { type: 'string', format: 'uuid' } })
  @Endpoint({ operationId: 'importDraft', summary: 'Puts a Word (.docx) draft to the conference, split into its numbered sections (the secretariat).', response: DraftVersionResponseDto, status: 201, errors: [400, 401, 403, 404] })
  async import(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @Body() dto: ImportDraftRequestDto,
    @UploadedFile() file: UploadedDocx | undefined,
  ): Promise<DraftVersionView> {
    return this.drafts.create(user, conferenceId, dto, await docxContent(file));
  }

  @Get(':draftId')
  @Endpoint({ operationId: 'getDraft', summary: 'The current version of a draft, section by section.', response: DraftVersionResponseDto, errors: [401, 403, 404] })
  current(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<DraftVersionView> {
    return this.drafts.version(user, conferenceId, draftId);
  }

  @Get(':draftId/versions/:version')
  @Endpoint({ operationId: 'getDraftVersion', summary: 'One version of a draft, section by section.', response: DraftVersionResponseDto, errors: [400, 401, 403, 404] })
  version(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Param('version', ParseIntPipe) version: number,
  ): Promise<DraftVersionView> {
    return this.drafts.version(user, conferenceId, draftId, version);
  }

  @Post(':draftId/versions')
  @Endpoint({ operationId: 'createDraftVersion', summary: 'Saves a new version of a draft from pasted text (the secretariat), recording the consolidation points it absorbs.', response: DraftVersionResponseDto, status: 201, errors: [400, 401, 403, 404, 409] })
  newVersion(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Body() dto: NewDraftVersionRequestDto,
  ): Promise<DraftVersionView> {
    return this.drafts.newVersion(user, conferenceId, draftId, { source: 'text', fileName: null, blocks: blocksFromText(dto.text), note: dto.note, absorbedPointIds: dto.absorbedPointIds });
  }

  @Post(':draftId/versions/import')
  @docxUpload()
  @ApiConsumes('multipart/form-data')
  @docxBody({ note: { type: 'string', maxLength: DRAFT_LIMITS.noteChars } })
  @Endpoint({ operationId: 'importDraftVersion', summary: 'Saves a new version of a draft from a Word (.docx) file (the secretariat).', response: DraftVersionResponseDto, status: 201, errors: [400, 401, 403, 404] })
  async importVersion(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Body() dto: ImportDraftVersionRequestDto,
    @UploadedFile() file: UploadedDocx | undefined,
  ): Promise<DraftVersionView> {
    return this.drafts.newVersion(user, conferenceId, draftId, { ...(await docxContent(file)), note: dto.note });
  }

  @Post(':draftId/consultation/open')
  @HttpCode(200)
  @Endpoint({ operationId: 'openConsultation', summary: 'Opens (or reopens) the consultation on a draft: comments are taken until it closes (the chairs).', response: DraftSummaryResponseDto, errors: [401, 403, 404, 409] })
  openConsultation(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<DraftSummary> {
    return this.drafts.consultation(user, conferenceId, draftId, 'open');
  }

  @Post(':draftId/consultation/close')
  @HttpCode(200)
  @Endpoint({ operationId: 'closeConsultation', summary: 'Closes the consultation on a draft: later comments, edits and withdrawals answer 409 (the chairs).', response: DraftSummaryResponseDto, errors: [401, 403, 404, 409] })
  closeConsultation(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('draftId') draftId: string): Promise<DraftSummary> {
    return this.drafts.consultation(user, conferenceId, draftId, 'close');
  }

  @Get(':draftId/diff')
  @Endpoint({ operationId: 'diffDraftVersions', summary: 'What changed between two versions, section by section.', response: DraftDiffResponseDto, errors: [400, 401, 403, 404] })
  diff(
    @CurrentUser() user: AuthUser,
    @IdParam('conferenceId') conferenceId: string,
    @IdParam('draftId') draftId: string,
    @Query() query: DraftDiffQueryDto,
  ): Promise<DraftDiffView> {
    return this.drafts.diff(user, conferenceId, draftId, query.from, query.to);
  }
}
