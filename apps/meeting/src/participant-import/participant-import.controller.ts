import { Controller, HttpCode, Post, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { ImportPreview, ImportResult } from '@hoinghi/contracts';
import { invalid } from '@hoinghi/domain';
import { AuthUser, CurrentUser } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { ImportPreviewResponseDto, ImportResultResponseDto } from './dto/participant-import.response.dto';
import { IMPORT_FILE_MAX_BYTES } from './sheet-reader';
import { ListFile, ParticipantImportService } from './participant-import.service';

const listUpload = () => UseInterceptors(FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_MAX_BYTES, files: 1 } }));
const listBody = () => ApiBody({
  schema: {
    type: 'object', required: ['file'],
    properties: { file: { type: 'string', format: 'binary', description: `The list as .xlsx or .csv (UTF-8; \`;\` or \`,\`), at most ${IMPORT_FILE_MAX_BYTES} bytes: a header row with Họ và tên, Vai trò and optionally STT, Chức vụ, Đơn vị / Điểm cầu, Biểu quyết, Tên đăng nhập.` } },
  },
});

function listFile(file: { buffer: Buffer; originalname: string } | undefined): ListFile {
  if (!file) throw invalid('IMPORT_FILE_INVALID', 'is required (an .xlsx or .csv in the multipart field "file")', 'file');
  // Browsers send the name as UTF-8 bytes that multer reads as latin1.
  return { buffer: file.buffer, fileName: Buffer.from(file.originalname, 'latin1').toString('utf8').slice(0, 255) };
}

@ApiTags('participants')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/participants/import')
export class ParticipantImportController {
  constructor(private readonly imports: ParticipantImportService) {}

  @Post('preview')
  @HttpCode(200)
  @listUpload()
  @ApiConsumes('multipart/form-data')
  @listBody()
  @Endpoint({
    operationId: 'previewParticipantImport', summary: 'Checks every row of a participant list (.xlsx/.csv) and says what importing it would do; writes nothing (the organisers).',
    response: ImportPreviewResponseDto, errors: [400, 401, 403, 404],
  })
  async preview(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @UploadedFile() file?: { buffer: Buffer; originalname: string }): Promise<ImportPreview> {
    return this.imports.preview(user, conferenceId, listFile(file));
  }

  @Post()
  @listUpload()
  @ApiConsumes('multipart/form-data')
  @listBody()
  @Endpoint({
    operationId: 'importParticipants', summary: 'Applies a participant list in one transaction, all rows or none (400 IMPORT_ROWS_INVALID naming rows.<row>.<column>); new accounts come with one-time passwords, shown once.',
    response: ImportResultResponseDto, status: 201, errors: [400, 401, 403, 404, 409],
  })
  async commit(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @UploadedFile() file?: { buffer: Buffer; originalname: string }): Promise<ImportResult> {
    return this.imports.commit(user, conferenceId, listFile(file));
  }
}
