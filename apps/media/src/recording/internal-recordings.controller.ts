import { Controller, Get, Param, Res, UseGuards } from '@nestjs/common';
import type { RecordingsResponse } from '@hoinghi/contracts';
import type { Response } from 'express';
import { MeetingServiceGuard } from '../auth/meeting-service.guard';
import { SafeIdPipe } from '../common/safe-id.pipe';
import { RecordingService } from './recording.service';

/**
 * The recorded files, for the meeting service only (a MeetingServiceClaims token): it decides who may
 * see them (the chairs and the secretariat) and passes each request through, Range headers included.
 * The gateway keeps the files because it writes them and knows which one is still being written; the
 * meeting service needs no shared disk with it (docs/architecture.md, "Recording").
 */
/** What Express's sendFile passes to its callback for a request it cannot answer with the file (send's http-errors). */
type SendError = Error & { status?: number; expose?: boolean; headers?: Record<string, string> };

@Controller('internal/conferences/:id/recordings')
@UseGuards(MeetingServiceGuard)
export class InternalRecordingsController {
  constructor(private readonly recordings: RecordingService) {}

  @Get()
  async list(@Param('id', SafeIdPipe) conferenceId: string): Promise<RecordingsResponse> {
    return { recording: this.recordings.state(conferenceId), files: await this.recordings.list(conferenceId) };
  }

  /** The file as stored; Express's sendFile answers Range (206, 416), If-Range and conditional requests. */
  @Get(':file')
  async file(@Param('id', SafeIdPipe) conferenceId: string, @Param('file') file: string, @Res() res: Response): Promise<void> {
    const path = await this.recordings.finishedFile(conferenceId, file);
    await new Promise<void>((done, fail) => {
      res.sendFile(path, { acceptRanges: true, lastModified: true, etag: true, headers: { 'cache-control': 'private, max-age=0' } }, (error?: SendError) => {
        if (!error || res.headersSent) return done(); // a player that seeks aborts its earlier range request: nothing to answer then
        // HTTP's own answers about the request (416 with `Content-Range: bytes */size`, 412): as they are, no body.
        if (error.expose && typeof error.status === 'number' && error.status < 500) {
          res.status(error.status).set(error.headers ?? {}).end();
          return done();
        }
        fail(error);
      });
    });
  }
}
