import { Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { RecordingLink, RecordingsResponse } from '@hoinghi/contracts';
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AuthUser, CurrentUser, Public } from '../auth/auth-user';
import { Endpoint } from '../common/api-docs';
import { IdParam } from '../common/parse-id.pipe';
import { RecordingLinkResponseDto, RecordingsResponseDto } from './dto/recording.response.dto';
import { FORWARDED_REQUEST_HEADERS } from './media-gateway.client';
import { RecordingsService } from './recordings.service';

@ApiTags('recordings')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/recordings')
export class RecordingsController {
  constructor(private readonly recordings: RecordingsService) {}

  @Get()
  @Endpoint({
    operationId: 'listRecordings', summary: 'The programme\'s recorded files (the chairs and the secretariat), and whether recording is on now.',
    response: RecordingsResponseDto, errors: [400, 401, 403, 404],
  })
  list(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string): Promise<RecordingsResponse> {
    return this.recordings.list(user, conferenceId);
  }

  @Post(':file/link')
  @HttpCode(200)
  @Endpoint({
    operationId: 'linkRecording', summary: 'A link that plays (HTTP range requests) or downloads one recording without a header, for a <video> element or a download; the role is checked again on every request made with it.',
    response: RecordingLinkResponseDto, errors: [400, 401, 403, 404],
  })
  link(@CurrentUser() user: AuthUser, @IdParam('conferenceId') conferenceId: string, @Param('file') file: string): Promise<RecordingLink> {
    return this.recordings.link(user, conferenceId, file);
  }

  /** Public for the global guard: the caller is proven by the Authorization header or by the link's token, here. */
  @Get(':file')
  @Public()
  @ApiProduces('video/webm')
  @ApiQuery({ name: 'token', required: false, description: 'A recording link\'s token (instead of Authorization).' })
  @ApiQuery({ name: 'download', required: false, enum: ['1'], description: 'Answer as an attachment, to be saved.' })
  @Endpoint({
    operationId: 'getRecording', summary: 'One recording (video/webm), the whole file or the Range asked for (206; 416 outside the file); 409 while it is still being written.',
    response: null, errors: [400, 401, 403, 404, 409],
  })
  async file(
    @IdParam('conferenceId') conferenceId: string,
    @Param('file') file: string,
    @Query('token') linkToken: string | undefined,
    @Query('download') download: string | undefined,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const headers: Record<string, string> = {};
    for (const name of FORWARDED_REQUEST_HEADERS) {
      const value = req.headers[name];
      if (typeof value === 'string') headers[name] = value;
    }
    const [scheme, accessToken] = (req.headers.authorization ?? '').split(' ');
    const caller = typeof linkToken === 'string' && linkToken !== ''
      ? { linkToken }
      : { accessToken: scheme?.toLowerCase() === 'bearer' ? accessToken : undefined };
    const left = new AbortController();
    res.once('close', () => left.abort());
    const answer = await this.recordings.file(caller, conferenceId, file, headers, left.signal);
    res.status(answer.status).set(answer.headers);
    if (download === '1') res.attachment(file);
    if (!answer.body) {
      res.end();
      return;
    }
    // A player that seeks drops its earlier range request: the transfer from the gateway ends with it.
    await pipeline(answer.body, res).catch(() => undefined);
  }
}
