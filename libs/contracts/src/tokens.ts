// Every token names who issued it (`iss`) and whom it is for (`aud`), and every verifier checks both,
// so a token of one kind is refused where another kind is expected even when two kinds share a secret
// (media join tokens and the gateway's service tokens both use MEDIA_TOKEN_SECRET).

export const TOKEN_PARTIES = {
  /** A user's access token: signed by the meeting service (JWT_SECRET) for its own REST API and socket.io. */
  access: { issuer: 'hoinghi-meeting', audience: 'hoinghi-meeting-api' },
  /** A site's single-use media join token: signed by the meeting service (MEDIA_TOKEN_SECRET) for the media gateway. */
  mediaJoin: { issuer: 'hoinghi-meeting', audience: 'hoinghi-media' },
  /** The media gateway's service token: signed by the gateway (MEDIA_TOKEN_SECRET) for the meeting service's internal routes. */
  mediaService: { issuer: 'hoinghi-media', audience: 'hoinghi-meeting-internal' },
  /** The meeting service's service token: signed by the meeting service (MEDIA_TOKEN_SECRET) for the gateway's internal routes (recordings). */
  meetingService: { issuer: 'hoinghi-meeting', audience: 'hoinghi-media-internal' },
  /** A link to one recording for one user: signed by the meeting service (JWT_SECRET), read back by its own recordings route. */
  recordingLink: { issuer: 'hoinghi-meeting', audience: 'hoinghi-meeting-recordings' },
} as const;

export type TokenKind = keyof typeof TOKEN_PARTIES;
