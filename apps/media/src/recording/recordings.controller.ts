import { Controller, Get, Param, UseGuards } from '@nestjs/common';
import type { RecordingsResponse } from '@hoinghi/contracts';
import { MediaTokenGuard } from '../auth/media-token.guard';
import { RecordingService } from './recording.service';

/**
 * The conference's recordings, for any site holding a media join token of that conference
 * (`Authorization: Bearer <token>`). Starting and stopping is signalling (main site only).
 */
@Controller('conferences/:id/recordings')
@UseGuards(MediaTokenGuard)
export class RecordingsController {
  constructor(private readonly recordings: RecordingService) {}

  @Get()
  async list(@Param('id') conferenceId: string): Promise<RecordingsResponse> {
    return { recording: this.recordings.state(conferenceId), files: await this.recordings.list(conferenceId) };
  }
}
