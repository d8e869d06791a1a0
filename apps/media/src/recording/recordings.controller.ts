import { Controller, Get, Param, Req, UseGuards } from '@nestjs/common';
import type { RecordingsResponse } from '@hoinghi/contracts';
import { forbidden } from '@hoinghi/domain';
import { MediaTokenGuard, type MediaRequest } from '../auth/media-token.guard';
import { RecordingService } from './recording.service';

/**
 * The conference's recordings, for the main site holding a media join token of that conference
 * (`Authorization: Bearer <token>`), as starting and stopping them is (signalling, main site only).
 * A district's token is refused: file names say when the conference was recorded, which is not a
 * district's business. People play and download recordings through the meeting service, which checks
 * their role (`recordings.view`) and proxies the gateway's internal routes.
 */
@Controller('conferences/:id/recordings')
@UseGuards(MediaTokenGuard)
export class RecordingsController {
  constructor(private readonly recordings: RecordingService) {}

  @Get()
  async list(@Param('id') conferenceId: string, @Req() request: MediaRequest): Promise<RecordingsResponse> {
    if (!request.media.main) throw forbidden('NOT_MAIN_SITE', 'Only the main site (the chair) lists the recordings here; others use the meeting service.');
    return { recording: this.recordings.state(conferenceId), files: await this.recordings.list(conferenceId) };
  }
}
