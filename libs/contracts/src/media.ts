// Media gateway contract: the join token the meeting service issues, and the /media signalling events.

export const MEDIA_NAMESPACE = '/media';

/** Claims of the short-lived join token (HS256, secret MEDIA_TOKEN_SECRET shared by meeting and media). */
export interface MediaJoinClaims {
  typ: 'media-join';
  cid: string; // conference id
  sid: string; // site id
  uid: string; // user id
  main: boolean; // the site is the conference's main site
}

export interface MediaJoinTokenResponse {
  token: string;
  expiresAt: string;
  mediaUrl: string; // where the browser connects socket.io (namespace /media)
}
