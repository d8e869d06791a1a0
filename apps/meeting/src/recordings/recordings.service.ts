import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { notFound, unauthenticated } from '@hoinghi/domain';
import { RECORDING_FILE_NAME, TOKEN_PARTIES, type RecordingLink, type RecordingLinkClaims, type RecordingsResponse } from '@hoinghi/contracts';
import { DataSource } from 'typeorm';
import { AccessService } from '../access/access.service';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { MediaGatewayClient, RecordingStream } from './media-gateway.client';

/** Who asks for a file: a signed-in caller (Authorization header) or a recording link's token (a <video> element sends no header). */
export type RecordingCaller = { accessToken: string | undefined } | { linkToken: string };

/**
 * The programme's recordings for the chairs and the secretariat (`recordings.view`): listed, and each
 * played or downloaded through this service from the media gateway that keeps them.
 */
@Injectable()
export class RecordingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly auth: AuthService,
    private readonly jwt: JwtService,
    private readonly gateway: MediaGatewayClient,
  ) {}

  async list(user: AuthUser, conferenceId: string): Promise<RecordingsResponse> {
    await this.access.authorize(this.dataSource.manager, user.id, conferenceId, 'recordings.view');
    return this.gateway.list(conferenceId);
  }

  /** A link for a player or a download; the role is checked now and again on every request made with it. */
  async link(user: AuthUser, conferenceId: string, file: string): Promise<RecordingLink> {
    await this.access.authorize(this.dataSource.manager, user.id, conferenceId, 'recordings.view');
    assertFileName(file);
    const claims: RecordingLinkClaims = { typ: 'recording-link', sub: user.id, cid: conferenceId, file };
    const token = await this.jwt.signAsync(claims, {
      expiresIn: this.config.recordingLinkSeconds, issuer: TOKEN_PARTIES.recordingLink.issuer, audience: TOKEN_PARTIES.recordingLink.audience,
    });
    const url = `/api/conferences/${conferenceId}/recordings/${encodeURIComponent(file)}?token=${token}`;
    return { file, url, downloadUrl: `${url}&download=1`, expiresAt: new Date(Date.now() + this.config.recordingLinkSeconds * 1000).toISOString() };
  }

  async file(caller: RecordingCaller, conferenceId: string, file: string, headers: Record<string, string>, abort: AbortSignal): Promise<RecordingStream> {
    const userId = 'linkToken' in caller ? await this.linkHolder(caller.linkToken, conferenceId, file) : (await this.auth.authenticate(caller.accessToken)).id;
    await this.access.authorize(this.dataSource.manager, userId, conferenceId, 'recordings.view');
    assertFileName(file);
    return this.gateway.file(conferenceId, file, headers, abort);
  }

  /** The user a link was made for, if it is this file's and that user may still sign in. */
  private async linkHolder(token: string, conferenceId: string, file: string): Promise<string> {
    let claims: Partial<RecordingLinkClaims & { iat: number }>;
    try {
      claims = await this.jwt.verifyAsync<RecordingLinkClaims & { iat: number }>(token, {
        issuer: TOKEN_PARTIES.recordingLink.issuer, audience: TOKEN_PARTIES.recordingLink.audience,
      });
    } catch {
      throw unauthenticated('UNAUTHENTICATED', 'This recording link is invalid or has expired; open the recording again from the conference.');
    }
    if (claims.typ !== 'recording-link' || claims.cid !== conferenceId || claims.file !== file || typeof claims.sub !== 'string') {
      throw unauthenticated('UNAUTHENTICATED', 'This link is for another recording.');
    }
    await this.auth.assertActive(claims.sub, claims.iat ?? 0);
    return claims.sub;
  }
}

function assertFileName(file: string): void {
  if (!RECORDING_FILE_NAME.test(file)) throw notFound('RECORDING_NOT_FOUND', `Recording ${file} does not exist in this conference.`);
}
