import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { ConferenceEntity, SiteEntity } from '@hoinghi/database';
import { assertEditable, notFound } from '@hoinghi/domain';
import { TOKEN_PARTIES, type MediaJoinClaims, type MediaJoinTokenResponse } from '@hoinghi/contracts';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../auth/auth-user';
import { AccessService } from '../access/access.service';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { GatewayDirectory } from './gateway-directory';

/** Issues the short-lived token with which one site joins the media gateway for one conference, and says which gateway. */
@Injectable()
export class MediaTokensService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly access: AccessService,
    private readonly jwt: JwtService,
    private readonly gateways: GatewayDirectory,
  ) {}

  async issue(user: AuthUser, conferenceId: string, siteId: string): Promise<MediaJoinTokenResponse> {
    const em = this.dataSource.manager;
    await this.access.authorize(em, user.id, conferenceId, 'media.join', siteId);
    const site = await em.findOne(SiteEntity, { where: { id: siteId, conferenceId } });
    if (!site) throw notFound('SITE_NOT_FOUND', `Site ${siteId} does not exist in this conference.`);
    // An ended or cancelled conference has no video any more (the gateway closed its room).
    const conference = await em.findOneByOrFail(ConferenceEntity, { id: conferenceId });
    assertEditable(conference.status, 'join its video');
    const gateway = await this.gateways.place(conferenceId, siteId);
    const claims: MediaJoinClaims = {
      typ: 'media-join', cid: conferenceId, sid: siteId, uid: user.id, main: site.isMain, name: user.fullName.slice(0, 100),
      ...(gateway ? { gw: gateway.gatewayId } : {}),
    };
    const seconds = this.config.mediaTokenSeconds;
    // Single-use: the gateway remembers the jti until the token expires.
    const token = await this.jwt.signAsync(claims, {
      secret: this.config.mediaTokenSecret, expiresIn: seconds, algorithm: 'HS256',
      issuer: TOKEN_PARTIES.mediaJoin.issuer, audience: TOKEN_PARTIES.mediaJoin.audience, jwtid: randomUUID(),
    });
    return {
      token, expiresAt: new Date(Date.now() + seconds * 1000).toISOString(),
      mediaUrl: gateway?.url ?? this.config.mediaPublicUrl, gatewayId: gateway?.gatewayId ?? null,
    };
  }
}
