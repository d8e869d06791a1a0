import { Controller, Get, StreamableFile } from '@nestjs/common';
import { download } from '../common/downloads';
import { ApiBearerAuth, ApiProduces, ApiTags } from '@nestjs/swagger';
import { DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE, type DocumentJobView } from '@hoinghi/contracts';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { DocumentsService } from './documents.service';
import { DocumentJobResponseDto } from './dto/document.response.dto';

@ApiTags('documents')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get(':jobId')
  @Endpoint({ operationId: 'getDocumentJob', summary: 'Where a requested document stands: queued, ready (fetch …/file) or failed (those who may ask for it).', response: DocumentJobResponseDto, errors: [401, 403, 404] })
  status(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('jobId') jobId: string): Promise<DocumentJobView> {
    return this.documents.status(user, conferenceId, jobId);
  }

  @Get(':jobId/file')
  @ApiProduces(DOCX_CONTENT_TYPE, PDF_CONTENT_TYPE)
  @Endpoint({ operationId: 'downloadDocument', summary: 'The rendered file, once ready (409 before).', response: null, errors: [401, 403, 404, 409] })
  async file(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @IdParam('jobId') jobId: string): Promise<StreamableFile> {
    return download(await this.documents.file(user, conferenceId, jobId));
  }
}
