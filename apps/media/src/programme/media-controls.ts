import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import {
  parseMediaControlsEvent, TOKEN_PARTIES, type MediaControlsEvent, type MediaControlsView, type MediaServiceClaims,
} from '@hoinghi/contracts';
import { NO_MEDIA_CONTROLS } from '@hoinghi/domain';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';

const TOKEN_SECONDS = 30;
const TIMEOUT_MS = 5000;

/**
 * The chair's media controls (who may share a screen, who is muted) of each conference, as this
 * gateway knows them: `hoinghi:media-controls` events as they come, and a read of the meeting service
 * when a room opens or Redis comes back (events may have been missed). Each event and each read takes
 * the next number of a per-conference counter; a read applies only if nothing moved it meanwhile (an
 * event during a read is at least as new, as in FloorHolders). A read that fails leaves what the
 * gateway knows (nothing muted, the floor holder not allowed to share, for a conference it never heard
 * of) and is logged; the next event or Redis recovery corrects it.
 */
@Injectable()
export class MediaControlsHolder {
  private readonly log = new Logger('MediaControls');
  private readonly known = new Map<string, MediaControlsView>();
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly jwt: JwtService,
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
  ) {}

  controls(conferenceId: string): MediaControlsView {
    return this.known.get(conferenceId) ?? NO_MEDIA_CONTROLS;
  }

  applyEvent(event: MediaControlsEvent): MediaControlsView {
    this.next(event.conferenceId);
    this.known.set(event.conferenceId, event.controls);
    return event.controls;
  }

  /** Reads them from the meeting service; resolves with what the gateway knows afterwards (never rejects). */
  async refresh(conferenceId: string): Promise<MediaControlsView> {
    const ticket = this.next(conferenceId);
    try {
      const read = await this.read(conferenceId);
      if (this.counters.get(conferenceId) === ticket) this.known.set(conferenceId, read);
    } catch (error) {
      this.log.warn(`cannot read the media controls of conference ${conferenceId}: ${(error as Error).message}`);
    }
    return this.controls(conferenceId);
  }

  /** The room closed: forget them (the next room reads them again). */
  forget(conferenceId: string): void {
    this.next(conferenceId);
    this.known.delete(conferenceId);
  }

  private async read(conferenceId: string): Promise<MediaControlsView> {
    const claims: MediaServiceClaims = { typ: 'media-service' };
    const token = await this.jwt.signAsync(claims, {
      secret: this.config.mediaTokenSecret, algorithm: 'HS256', expiresIn: TOKEN_SECONDS,
      issuer: TOKEN_PARTIES.mediaService.issuer, audience: TOKEN_PARTIES.mediaService.audience,
    });
    const url = `${this.config.meetingInternalUrl}/api/internal/conferences/${encodeURIComponent(conferenceId)}/media-controls`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(TIMEOUT_MS) });
    const text = await response.text();
    if (response.status === 404 && text.includes('"CONFERENCE_NOT_FOUND"')) return NO_MEDIA_CONTROLS;
    if (!response.ok) throw new Error(`${url} answered ${response.status}: ${text.slice(0, 200)}`);
    const body = parseMediaControlsEvent(text);
    if (!body || body.conferenceId !== conferenceId) throw new Error(`${url} answered an unexpected body`);
    return body.controls;
  }

  private next(conferenceId: string): number {
    const value = (this.counters.get(conferenceId) ?? 0) + 1;
    this.counters.set(conferenceId, value);
    return value;
  }
}
