import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { conflict, notFound, unavailable } from '@hoinghi/domain';
import { TOKEN_PARTIES, type MeetingServiceClaims, type RecordingsResponse } from '@hoinghi/contracts';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { APP_CONFIG, AppConfig } from '../config/app-config';

/** Half the gateway's 60 s limit, so the two hosts' clocks may differ by up to 30 s. */
const TOKEN_SECONDS = 30;
/** Until the gateway answers with headers; a long download is not cut by it. */
const ANSWER_TIMEOUT_MS = 10_000;

/** The request headers a player's range request depends on. */
export const FORWARDED_REQUEST_HEADERS = ['range', 'if-range', 'if-none-match', 'if-modified-since'] as const;
/** What the gateway says of the bytes it sends, passed on as they are. */
const FORWARDED_RESPONSE_HEADERS = ['content-type', 'content-length', 'content-range', 'accept-ranges', 'etag', 'last-modified', 'cache-control'];

export interface RecordingStream {
  /** 200, 206 (a range), 304 (not modified) or 416 (a range outside the file). */
  status: number;
  headers: Record<string, string>;
  body: Readable | null;
}

/**
 * The media gateway's internal recordings routes, called with a service token (MeetingServiceClaims).
 * The gateway writes the files and knows which one is still being written, so this service asks it
 * rather than sharing its disk: the two run in separate containers (docker/compose.yml) or hosts.
 */
@Injectable()
export class MediaGatewayClient {
  private readonly log = new Logger('MediaGateway');

  constructor(
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async list(conferenceId: string): Promise<RecordingsResponse> {
    const response = await this.call(`/${conferenceId}/recordings`, {});
    if (!response.ok) throw await this.refusal(response);
    return (await response.json()) as RecordingsResponse;
  }

  /** One file, or the range of it the caller asked for; `abort` ends the transfer when the caller goes. */
  async file(conferenceId: string, file: string, headers: Record<string, string>, abort: AbortSignal): Promise<RecordingStream> {
    const response = await this.call(`/${conferenceId}/recordings/${encodeURIComponent(file)}`, headers, abort);
    if (!response.ok && response.status !== 304 && response.status !== 416) throw await this.refusal(response);
    const passed: Record<string, string> = {};
    for (const name of FORWARDED_RESPONSE_HEADERS) {
      const value = response.headers.get(name);
      if (value !== null) passed[name] = value;
    }
    const body = response.status === 200 || response.status === 206
      ? Readable.fromWeb(response.body as unknown as WebReadableStream<Uint8Array>)
      : (await response.body?.cancel(), null);
    return { status: response.status, headers: passed, body };
  }

  private async call(path: string, headers: Record<string, string>, abort?: AbortSignal): Promise<Response> {
    const claims: MeetingServiceClaims = { typ: 'meeting-service' };
    const token = await this.jwt.signAsync(claims, {
      secret: this.config.mediaTokenSecret, algorithm: 'HS256', expiresIn: TOKEN_SECONDS,
      issuer: TOKEN_PARTIES.meetingService.issuer, audience: TOKEN_PARTIES.meetingService.audience,
    });
    const url = `${this.config.mediaInternalUrl}/api/internal/conferences${path}`;
    const answered = new AbortController();
    const timer = setTimeout(() => answered.abort(), ANSWER_TIMEOUT_MS);
    try {
      return await fetch(url, {
        headers: { ...headers, authorization: `Bearer ${token}` },
        signal: abort ? AbortSignal.any([abort, answered.signal]) : answered.signal,
      });
    } catch (error) {
      if (abort?.aborted) throw error; // the caller left; nobody reads an answer
      const cause = (error as Error & { cause?: Error }).cause;
      this.log.warn(`${url}: ${cause?.message ?? (error as Error).message}`);
      throw gatewayDown();
    } finally {
      clearTimeout(timer);
    }
  }

  /** The gateway's own 404 and 409 mean what they say; anything else is a gateway this service cannot use. */
  private async refusal(response: Response): Promise<Error> {
    const text = await response.text();
    const code = (() => {
      try {
        return (JSON.parse(text) as { error?: string; message?: string });
      } catch {
        return {};
      }
    })();
    if (response.status === 404 && code.error === 'RECORDING_NOT_FOUND') return notFound('RECORDING_NOT_FOUND', code.message ?? 'No such recording.');
    if (response.status === 409 && code.error === 'RECORDING_IN_PROGRESS') return conflict('RECORDING_IN_PROGRESS', code.message ?? 'The recording is still being written.');
    this.log.warn(`the media gateway answered ${response.status}: ${text.slice(0, 200)}`);
    return gatewayDown();
  }
}

const gatewayDown = () =>
  unavailable('MEDIA_UNAVAILABLE', 'The media server, which keeps the recordings, cannot be reached right now. Try again in a few seconds.');
