// Media gateway contract: the join token the meeting service issues, and the /media signalling events.
//
// ── How a site joins (mediasoup-client 3.x) ─────────────────────────────────────────────────────────
//  0. POST /api/conferences/:id/sites/:siteId/media-token on the meeting service → MediaJoinTokenResponse.
//  1. io(`${mediaUrl}${MEDIA_NAMESPACE}`, { auth: { token } }). A missing, expired or forged token, one
//     that is not a media-join token, or one already used (tokens are single-use: TOKEN_ALREADY_USED) ends
//     in `connect_error` whose `message` says why and whose `data` is a MediaErrorBody (statusCode 401).
//     Pass `auth` as a function that fetches a fresh token for every connection: socket.io's automatic
//     reconnection then works. Join and CreateTransport need the connection's token to be unexpired
//     (TOKEN_EXPIRED): to open new transports after the 2 minutes, reconnect.
//  2. emit Join { conferenceId, role } (must be the token's conference; else 403) → { role, publisher, routerRtpCapabilities }.
//     device.load({ routerRtpCapabilities }).
//     A site has at most one *publisher* connection (the hall's camera and microphone) and any number of
//     *viewer* connections (the chair's console, a phone) that only receive; `role` defaults to 'viewer'.
//     A second publisher of a site is refused (409 CAMERA_HELD, `current`: the SitePublisher holding the
//     camera, the message names them) unless it asks `takeOver: true`, or is the holder's own user (a
//     reload, a second tab): then the previous publisher gets Error CAMERA_TAKEN, its producers close and
//     it stays connected as a viewer (it keeps receiving the programme). Every connection of the site
//     hears Publisher { siteId, publisher } whenever its publisher changes.
//     A takeover acts within one site only: the join token names the caller's own site (the meeting
//     service issues it for that site alone), so a chair cannot take a district's place or publish as
//     a district; a district without its operator is a matter for the district, and the chair speaks
//     from the hall. (Decided for #13: the alternative, a chair seat on every site, would let one
//     account appear as any site in the minutes' attendance and video.)
//  3. emit CreateTransport { direction: 'send' } and { direction: 'recv' } → transport options;
//     device.createSendTransport / createRecvTransport(options) (options carry iceServers too).
//     transport.on('connect') → emit ConnectTransport { transportId, dtlsParameters }.
//  4. emit Ready { rtpCapabilities: device.rtpCapabilities } → { programme, producers }. A viewer creates
//     only the recv transport and skips Produce (NOT_PUBLISHER).
//     From now on the server also sends NewProducer / ProducerClosed to this site (Programme goes to
//     every joined site). Create the recv transport before Ready, or queue NewProducer events until it
//     exists, so no announcement is lost.
//     sendTransport.on('produce') → emit Produce { transportId, kind, rtpParameters, appData } → { producerId }.
//     Publish camera with VP8 simulcast (e.g. 3 encodings, scaleResolutionDownBy 4/2/1) and the mic with Opus.
//  5. For every producer the server announces (Ready's `producers`, NewProducer) emit Consume
//     { transportId: recvTransport.id, producerId } → consumer options; recvTransport.consume(options);
//     then emit ResumeConsumer { consumerId }. Each producer is announced to a connection once per Ready:
//     either in Ready's list or by one NewProducer (also when the floor brings a site on the programme in
//     a large conference: its producers come as NewProducer before the Programme that lists them).
//     Programme's `producers` says what is on the programme now (the same list for everyone, the floor
//     holder's own producers included); it never names a producer that was not announced. A second
//     Consume of a producer this connection already consumes is 409 ALREADY_CONSUMING.
//     The server keeps each consumer paused unless its site is on your programme (see below), so
//     you may hold consumers of sites that are off the programme: they start flowing the moment the
//     floor moves to them, without a round trip.
//  6. Render: a district site shows the main site (Programme.mainSiteId) and the floor holder
//     (Programme.floorSiteId); the main site shows every site as a grid, highlighting ActiveSpeaker.
//     Ask for the layer a picture is shown at (SetPreferredLayers; a small tile of the grid: 0): the
//     gateway tells each publisher which of its camera's layers anybody receives (SendLayers
//     { producerId, maxSpatialLayer }; mediasoup-client: producer.setMaxSpatialLayer), so a site off the
//     programme encodes and uploads only what the grid shows; on a grant it is told the top at once.
//  7. ProducerClosed { producerId } → close your local consumer of that producer.
//     WorkerRestarted → the conference has moved to a new mediasoup worker: close the Device's
//     transports and reconnect (a fresh token), then step 2. Re-joining on the same socket works only
//     while its join token is unexpired, i.e. within its first 2 minutes.
//     transport 'connectionstatechange' = 'failed' (or 'disconnected' for a few seconds) → emit
//     RestartIce { transportId } → { iceParameters }; transport.restartIce({ iceParameters }).
//     Error CAMERA_TAKEN → another connection of this site took over the camera: this one is now a viewer
//     (its producers are closed; stop the local camera). It must NOT reconnect or re-join as publisher by
//     itself (two devices of one hall would take the camera from each other in a loop): it stays connected
//     as a viewer, and after any later reconnect joins as a viewer too. Only a person's deliberate action
//     (a "take over" button) joins again with `takeOver: true`, once.
//     Sharing a screen (content sharing): a second video in the programme, sent to every site. The main
//     site may share from any of its connections (the operator's, the chair's console); the floor holder's
//     site may while the chair allows it (the meeting service's media controls, `floorShareAllowed`). Such a
//     connection creates a send transport (a viewer may, for this) and produces the display track
//     (getDisplayMedia) with Produce { kind: 'video', source: 'screen' }. One screen per conference: a
//     second share is refused (409 SCREEN_SHARED, `current`: the ScreenShare) until the first stops
//     (CloseProducer, or the browser's "stop sharing"); a site not allowed gets 403 SHARE_NOT_ALLOWED.
//     The floor holder's share closes when its floor ends or the chair withdraws the permission
//     (ProducerClosed). Programme.screen names the share; its producer is announced to every site but its
//     own and flows to all of them (video only: an audio-only link does not get it).
//     Chair's mute: while the meeting service's media controls list a site in `mutedSiteIds`, the gateway
//     keeps that site's microphone producer paused (consumers see producerPaused); its ResumeProducer is
//     403 MUTED_BY_CHAIR. Unmuted by the chair, the microphone sends again unless the site paused it itself.
//     Error CONFERENCE_CLOSED → the conference has ended (or was cancelled): the gateway closed its room
//     and disconnects; do not reconnect.
//     A connection that stops answering the heartbeat (MEDIA_HEARTBEAT: a frozen machine, a cut link) is
//     dropped within 8 s; the others see its producers close. socket.io-client reconnects by itself.
// Every request takes an ack callback; the ack is MediaAck<T>: `{ ok: true, ...T }` or `{ ok: false, error }`;
// `error.error` is one of MEDIA_ERROR_CODES.

import type { ErrorCode, ErrorResponse } from './errors';

export const MEDIA_NAMESPACE = '/media';

/**
 * The gateway's socket.io heartbeat (engine.io ping): it pings every connection every `pingIntervalMs`
 * and drops one that has not answered within `pingTimeoutMs` more. A frozen or cut-off site is so gone
 * within 8 s, not socket.io's default 45 s: its producers close (ProducerClosed, a new Programme), its
 * camera seat frees, and the chair's grid shows it as gone. socket.io-client answers pings by itself,
 * also in a background tab (no timers involved); a client needs no heartbeat of its own.
 */
export const MEDIA_HEARTBEAT = { pingIntervalMs: 4000, pingTimeoutMs: 4000 } as const;

/**
 * Claims of the short-lived join token (HS256, secret MEDIA_TOKEN_SECRET shared by meeting and media;
 * `iss`/`aud` of TOKEN_PARTIES.mediaJoin). It is single-use: the gateway remembers its `jti` until it
 * expires and refuses it a second time (TOKEN_ALREADY_USED), and a socket whose token has expired can
 * create no new transports (TOKEN_EXPIRED): reconnect with a fresh token.
 */
export interface MediaJoinClaims {
  typ: 'media-join';
  cid: string; // conference id
  sid: string; // site id
  uid: string; // user id
  main: boolean; // the site is the conference's main site
  /** The user's full name (at most 100 characters), to tell the site's other connections who holds its camera. */
  name?: string;
  /** The gateway host the site was placed on (MediaJoinTokenResponse.gatewayId): another gateway refuses it (403 WRONG_GATEWAY). */
  gw?: string;
}

/**
 * Claims of the token with which the media gateway calls the meeting service's internal routes
 * (FloorHolderResponse in bus.ts): HS256 with MEDIA_TOKEN_SECRET, `exp` at most 60 s ahead. It names
 * no user or site: it only proves "a gateway that knows the secret".
 */
export interface MediaServiceClaims {
  typ: 'media-service';
}
// Both carry `iss` and `aud` (TOKEN_PARTIES in tokens.ts), set as signing options.

export interface MediaJoinTokenResponse {
  token: string;
  expiresAt: string;
  /**
   * Where the browser connects socket.io (namespace /media). With several gateways (media-cluster.ts) the
   * gateway the meeting service placed this site on: the least loaded live one, and the same one again
   * while it lives (all connections of a site go to one gateway).
   */
  mediaUrl: string;
  /** That gateway's id; null when the meeting service knows no live gateway and answers its own MEDIA_PUBLIC_URL. */
  gatewayId: string | null;
}

// ── JSON shapes of mediasoup objects ───────────────────────────────────────────────────────────────
// They travel unchanged between mediasoup (server) and mediasoup-client (browser); the contract keeps
// them opaque so neither side's library types leak into the other. In the browser, cast to
// mediasoup-client's `types.RtpCapabilities`, `types.RtpParameters`, `types.IceParameters`,
// `types.IceCandidate`, `types.DtlsParameters`, `types.SctpParameters`.
export type RtpCapabilitiesJson = Record<string, unknown>;
export type RtpParametersJson = Record<string, unknown>;
export type IceParametersJson = Record<string, unknown>;
export type IceCandidateJson = Record<string, unknown>;
export type DtlsParametersJson = Record<string, unknown>;

export type MediaKind = 'audio' | 'video';
export type TransportDirection = 'send' | 'recv';

/**
 * Every error code the media gateway sends: in an ack, in `connect_error.data`, in a `media:error` event
 * or from its HTTP routes (health, recordings). They are codes of the one closed union ERROR_CODES
 * (errors.ts) that the meeting service answers with too, so a client words them with the same
 * Vietnamese and English sentences; `media-error-codes.spec.ts` checks that the gateway sends no other.
 */
export const MEDIA_ERROR_CODES = [
  // 400
  'VALIDATION_FAILED', 'MALFORMED_REQUEST', 'OWN_PRODUCER', 'CANNOT_CONSUME', 'UNSUPPORTED_MEDIA', 'INVALID_MEDIA_PARAMETERS',
  'RTP_PARAMETERS_REJECTED',
  // 401: the handshake (join token), the routes (service or join token as a bearer)
  'UNAUTHENTICATED', 'TOKEN_MISSING', 'TOKEN_EXPIRED', 'TOKEN_INVALID', 'TOKEN_WRONG_TYPE', 'TOKEN_ALREADY_USED',
  'SERVICE_TOKEN_MISSING', 'SERVICE_TOKEN_INVALID',
  // 403
  'FOREIGN_CONFERENCE', 'WRONG_GATEWAY', 'NOT_MAIN_SITE', 'NOT_PUBLISHER', 'SHARE_NOT_ALLOWED', 'MUTED_BY_CHAIR', 'PLAIN_RTP_DISABLED', 'PLAIN_RTP_ADDRESS_REFUSED', 'ROLE_FORBIDDEN',
  // 404
  'ROUTE_NOT_FOUND', 'UNKNOWN_TRANSPORT', 'UNKNOWN_PRODUCER', 'UNKNOWN_CONSUMER', 'UNKNOWN_ID', 'MEDIA_NOT_FOUND', 'RECORDING_NOT_FOUND',
  // 409: a step out of order, or the state changed meanwhile
  'NOT_JOINED', 'NOT_READY', 'CAMERA_HELD', 'CAMERA_TAKEN', 'CONFERENCE_CLOSED', 'ROOM_CLOSED', 'TOO_MANY_TRANSPORTS',
  'ALREADY_CONNECTED', 'NOT_WEBRTC', 'NOT_A_SEND_TRANSPORT', 'NOT_A_RECV_TRANSPORT', 'TRANSPORT_NOT_CONNECTED',
  'ALREADY_PRODUCING', 'SCREEN_SHARED', 'ALREADY_CONSUMING', 'WORKER_CLOSED', 'MEDIA_REJECTED', 'NOT_LIVE', 'ALREADY_RECORDING',
  'NOTHING_TO_RECORD', 'RECORDING_FAILED', 'NOT_RECORDING', 'RECORDING_IN_PROGRESS',
  // 413, 500, 503
  'PAYLOAD_TOO_LARGE', 'INTERNAL', 'SERVICE_UNAVAILABLE',
] as const satisfies readonly ErrorCode[];
export type MediaErrorCode = (typeof MEDIA_ERROR_CODES)[number];

/**
 * What a failed request's ack and `connect_error.data` carry: the REST ErrorResponse (statusCode 400 bad
 * payload, 401 token, 403 wrong conference / not the main site, 404 unknown id, 409 wrong step, 500),
 * its `error` one of MEDIA_ERROR_CODES.
 */
export type MediaErrorBody = ErrorResponse;

export type MediaAck<T extends object = object> = ({ ok: true } & T) | { ok: false; error: MediaErrorBody };

// ── Client → server ────────────────────────────────────────────────────────────────────────────────
export const MediaClientEvent = {
  /** { conferenceId, role?, takeOver? } → { siteId, isMain, role, publisher, routerRtpCapabilities }. Again on the same socket = re-join (fresh state). */
  Join: 'media:join',
  /** { rtpCapabilities } → { programme, producers }. Needed before Consume. */
  Ready: 'media:ready',
  /** { direction } → TransportOptions. Needs Join. */
  CreateTransport: 'media:create-transport',
  /** { transportId, dtlsParameters } → {}. */
  ConnectTransport: 'media:connect-transport',
  /** { transportId } → { iceParameters }. */
  RestartIce: 'media:restart-ice',
  /** { transportId, kind, rtpParameters, appData? } → { producerId }. Publisher connections only; needs a connected send transport; one producer per kind. */
  Produce: 'media:produce',
  /** { producerId } → {}: mute (consumers stop receiving). */
  PauseProducer: 'media:pause-producer',
  /** { producerId } → {}: unmute. */
  ResumeProducer: 'media:resume-producer',
  /** { producerId } → {}. */
  CloseProducer: 'media:close-producer',
  /** { transportId, producerId } → ConsumerOptions (created paused). Needs Ready and a recv transport. */
  Consume: 'media:consume',
  /** { consumerId } → { flowing }: the client is ready to receive; the server resumes it when it is on the programme. */
  ResumeConsumer: 'media:resume-consumer',
  /** { consumerId } → { flowing: false }: e.g. a hidden tile. */
  PauseConsumer: 'media:pause-consumer',
  /** { consumerId } → {}. */
  CloseConsumer: 'media:close-consumer',
  /** { consumerId, spatialLayer, temporalLayer? } → {}: e.g. a small grid tile asks for layer 0. The gateway may cap it lower on a poor link. */
  SetPreferredLayers: 'media:set-preferred-layers',
  /** { id } (one of your transports, producers or consumers) → { stats } (mediasoup's getStats()). */
  GetStats: 'media:get-stats',
  /** {} → { recording } (main site only): records the programme to a file on the server. */
  StartRecording: 'media:start-recording',
  /** {} → { recording } (main site only). */
  StopRecording: 'media:stop-recording',
} as const;

/** 'publisher': the site's camera and microphone (one connection per site); 'viewer': receives only. */
export type MediaRole = 'publisher' | 'viewer';

export interface MediaJoinRequest {
  conferenceId: string;
  /** Default 'viewer'. */
  role?: MediaRole;
  /** With role 'publisher': take the camera from the site's current publisher (it becomes a viewer). */
  takeOver?: boolean;
}
export interface MediaJoinResult {
  conferenceId: string;
  siteId: string;
  isMain: boolean;
  /** The role this connection has (a publisher join either gets it or is refused). */
  role: MediaRole;
  /** Who publishes the site now (this connection, another, or nobody). */
  publisher: SitePublisher | null;
  routerRtpCapabilities: RtpCapabilitiesJson;
}

/** The connection that holds a site's camera: also the `current` of a CAMERA_HELD refusal. */
export interface SitePublisher {
  userId: string;
  /** The token's `name`, else the user id. */
  userName: string;
  /** Since when it holds the camera (ISO 8601). */
  since: string;
}

/** To every connection of a site when its publisher changes (joins, takes over, leaves). */
export interface PublisherEvent {
  conferenceId: string;
  siteId: string;
  publisher: SitePublisher | null;
}

export interface MediaReadyRequest {
  rtpCapabilities: RtpCapabilitiesJson;
}
export interface MediaReadyResult {
  programme: ProgrammeEvent;
  /** Producers this site should consume now (see the joining steps). Never its own. */
  producers: ProducerInfo[];
}

export interface CreateTransportRequest {
  direction: TransportDirection;
  /**
   * 'plain' = an RTP PlainTransport (no ICE/DTLS), only when the gateway runs with MEDIA_ALLOW_PLAIN_RTP=1
   * (tests, benchmarks, ffmpeg ingest on a trusted network). Browsers always use 'webrtc' (the default).
   */
  type?: 'webrtc' | 'plain';
}
export interface WebRtcTransportOptions {
  type: 'webrtc';
  id: string;
  direction: TransportDirection;
  iceParameters: IceParametersJson;
  iceCandidates: IceCandidateJson[];
  dtlsParameters: DtlsParametersJson;
  /** TURN/STUN servers for sites behind strict NAT (MEDIA_ICE_SERVERS); pass to createSend/RecvTransport. */
  iceServers: Array<{ urls: string | string[]; username?: string; credential?: string }>;
}
export interface PlainTransportOptions {
  type: 'plain';
  id: string;
  direction: TransportDirection;
  /** Where the gateway receives (send direction) or sends from (recv direction). RTCP is not muxed. */
  ip: string;
  port: number;
  rtcpPort: number;
}
export type TransportOptions = WebRtcTransportOptions | PlainTransportOptions;

export interface ConnectTransportRequest {
  transportId: string;
  /** WebRTC transports. */
  dtlsParameters?: DtlsParametersJson;
  /** Plain recv transports: where the gateway sends RTP and RTCP. */
  ip?: string;
  port?: number;
  rtcpPort?: number;
}

export interface TransportRequest {
  transportId: string;
}
export interface RestartIceResult {
  iceParameters: IceParametersJson;
}

/** 'camera': the site's camera or microphone (its publisher connection); 'screen': a shared screen or window. */
export type ProducerSource = 'camera' | 'screen';

export interface ProduceRequest {
  transportId: string;
  kind: MediaKind;
  rtpParameters: RtpParametersJson;
  /** Default 'camera'. 'screen' (video only): content sharing, see the joining steps. */
  source?: ProducerSource;
  appData?: Record<string, unknown>;
}
export interface ProduceResult {
  producerId: string;
}
export interface ProducerRequest {
  producerId: string;
}

export interface ConsumeRequest {
  transportId: string;
  producerId: string;
}
/** Pass to recvTransport.consume() as is (`id`, `producerId`, `kind`, `rtpParameters`, `appData`). */
export interface ConsumerOptions {
  id: string;
  producerId: string;
  kind: MediaKind;
  rtpParameters: RtpParametersJson;
  /** 'simulcast' for a simulcast camera, 'simple' otherwise. */
  type: string;
  appData: { siteId: string };
  siteId: string;
}
export interface ConsumerRequest {
  consumerId: string;
}
export interface ConsumerFlowResult {
  /** Whether RTP flows now: the client wants it, its site is on the programme and the link is not audio-only. */
  flowing: boolean;
}
export interface SetPreferredLayersRequest {
  consumerId: string;
  spatialLayer: number;
  temporalLayer?: number;
}

export interface GetStatsRequest {
  id: string;
}
export interface GetStatsResult {
  stats: Array<Record<string, unknown>>;
}

// ── Server → client ────────────────────────────────────────────────────────────────────────────────
export const MediaServerEvent = {
  /** ProgrammeEvent: to every site of the conference whenever the main site, the floor holder, their producers or the shared screen change. */
  Programme: 'media:programme',
  /** ProducerInfo: a producer this site should consume (the main site hears of every site's; districts of programme sites, and of every site while the conference is small enough for warm standby). */
  NewProducer: 'media:new-producer',
  /** ProducerClosedEvent: close your consumer of it (the server already closed its side). */
  ProducerClosed: 'media:producer-closed',
  /** ActiveSpeakerEvent: the dominant speaker changed (for the chair's grid). */
  ActiveSpeaker: 'media:active-speaker',
  /** QualityEvent: about every 2 s; the main site gets every site, other sites their own entry. */
  Quality: 'media:quality',
  /** RecordingState: recording started or stopped (show a REC badge). */
  Recording: 'media:recording',
  /** WorkerRestartedEvent: the conference moved to a new mediasoup worker; re-join on this socket. */
  WorkerRestarted: 'media:worker-restarted',
  /** PublisherEvent: the site's publisher changed (to every connection of that site). */
  Publisher: 'media:publisher',
  /** MediaErrorBody: CAMERA_TAKEN (this publisher is now a viewer), CONFERENCE_CLOSED (before the server disconnects). */
  Error: 'media:error',
  /**
   * SendLayersEvent, to a site's publisher: encode the camera's simulcast layers up to `maxSpatialLayer`
   * only, as nobody receives the others now (told once after Produce and again whenever it changes). A
   * client that ignores it still works; it only encodes and uploads more than anyone watches.
   */
  SendLayers: 'media:send-layers',
} as const;

export interface ProducerInfo {
  producerId: string;
  siteId: string;
  kind: MediaKind;
  source: ProducerSource;
}

/** The screen being shared in a conference (at most one): also the `current` of a SCREEN_SHARED refusal. */
export interface ScreenShare {
  siteId: string;
  producerId: string;
  /** Who shares (the token's name, else the user id). */
  userName: string;
  since: string;
}

export interface ProgrammeEvent {
  conferenceId: string;
  /** The main site (the province hall) once it has joined, else null. */
  mainSiteId: string | null;
  /** The site that has the floor (from the meeting service: its floor events, or read from it), else null. */
  floorSiteId: string | null;
  /** The producers of the main site and the floor holder, and the shared screen: what a district site shows. */
  producers: ProducerInfo[];
  /** The shared screen, shown large at every site (but the sharing one), else null. */
  screen: ScreenShare | null;
  /**
   * The next speakers in the floor queue that the gateway keeps warm (MEDIA_WARM_SPEAKERS): their video
   * already flows to every site at its lowest layer. Not to be shown yet; a client keeps it attached to a
   * (hidden) player, so that a grant to one of them shows its picture at once. Absent from older gateways.
   */
  warmSiteIds?: string[];
  /**
   * Grows by one per change, so a client can drop an out-of-order event. It counts per room: it goes on
   * across a worker restart (WorkerRestarted: the room is rebuilt in place) and starts again from 0 when
   * the room is new (the gateway restarted, or the room closed as its last connection left and opened
   * again). So compare it only with events since the last (re-)join: take Ready's `programme` as the new
   * reference every time.
   */
  seq: number;
  at: string;
}

/**
 * Which of a camera's simulcast layers are received anywhere (0 = the lowest, always sent): the highest
 * wanted by the sites that show it — in full while it is on the programme (the main hall, the floor
 * holder), at a thumbnail's size in the main hall's grid, at the lowest while it is a warm next speaker.
 */
export interface SendLayersEvent {
  producerId: string;
  maxSpatialLayer: number;
}

export interface ProducerClosedEvent {
  producerId: string;
  siteId: string;
}

export interface ActiveSpeakerEvent {
  conferenceId: string;
  siteId: string;
  producerId: string;
}

export interface SiteQuality {
  siteId: string;
  /** What the gateway receives from the site (sum over its producers), bits/s. */
  inboundBitrate: number;
  /** What the gateway sends to the site (sum over its consumers), bits/s. */
  outboundBitrate: number;
  /** Packet loss of the site's uplink (RTP into the gateway), 0…1. */
  uplinkLoss: number;
  /** Packet loss of the site's downlink as its receiver reports say, 0…1. */
  downlinkLoss: number;
  /** Round-trip time, ms (null until RTCP has measured it). */
  rttMs: number | null;
  /** Inter-arrival jitter of the site's uplink, ms. */
  jitterMs: number;
  /** The highest simulcast layer the site currently receives (0 = lowest), null without live video. */
  spatialLayer: number | null;
  /** The highest layer the gateway lets it receive (lowered on a poor downlink). */
  maxSpatialLayer: number;
  /** Loss > 5 % or RTT > 400 ms. */
  poor: boolean;
  /** Loss > 20 %: the site receives audio only until its link recovers. */
  audioOnly: boolean;
  at: string;
}

export interface QualityEvent {
  conferenceId: string;
  sites: SiteQuality[];
}

/**
 * The recording is the programme: the main site's video and audio, plus the floor holder's audio as a
 * second audio track. A floor change starts a new file (segment), so each file has fixed tracks.
 */
export interface RecordingState {
  conferenceId: string;
  active: boolean;
  /** The file being written now (relative to the conference's recordings), null between segments or when stopped. */
  file: string | null;
  startedAt: string | null;
}

export interface RecordingFile {
  file: string; // e.g. 2025-05-01T08-00-00-000Z.webm
  bytes: number;
  modifiedAt: string;
  /** Still being written. */
  active: boolean;
}

/**
 * GET /api/conferences/:id/recordings on the gateway (Authorization: Bearer <the main site's media join token>), and
 * GET /api/internal/conferences/:id/recordings on the gateway (a MeetingServiceClaims token) for the
 * meeting service, which answers the same body to the chairs and the secretariat at
 * GET /api/conferences/:id/recordings.
 */
export interface RecordingsResponse {
  recording: RecordingState;
  files: RecordingFile[];
}

/**
 * Claims of the token with which the meeting service calls the gateway's internal routes (the recorded
 * files): HS256 with MEDIA_TOKEN_SECRET, `iss`/`aud` of TOKEN_PARTIES.meetingService, `exp` at most 60 s
 * ahead. The meeting service has already decided who may see what; the gateway only checks it is asked by it.
 */
export interface MeetingServiceClaims {
  typ: 'meeting-service';
}

/**
 * POST /api/conferences/:id/recordings/:file/link: where a browser plays (`url`, answering HTTP range
 * requests, so a <video> element can seek) or downloads (`downloadUrl`) one recording without sending
 * a header — the link carries a token for this user and this file, checked again (role included) on
 * every request until `expiresAt`.
 */
export interface RecordingLink {
  file: string;
  url: string;
  downloadUrl: string;
  expiresAt: string;
}

/** Claims of a recording link's token (JWT_SECRET, `iss`/`aud` of TOKEN_PARTIES.recordingLink). */
export interface RecordingLinkClaims {
  typ: 'recording-link';
  sub: string; // user id
  cid: string; // conference id
  file: string;
}

/** A recorded file's name as the gateway makes them (`2025-05-01T08-00-00-000Z.webm`, `…-1.webm`): nothing that can leave its directory. */
export const RECORDING_FILE_NAME = /^[0-9A-Za-z][0-9A-Za-z-]{0,99}\.webm$/;

export interface WorkerRestartedEvent {
  conferenceId: string;
  reason: string;
}

/** Typed socket.io maps: `io(...) as Socket<MediaServerToClientEvents, MediaClientToServerEvents>`. */
export interface MediaClientToServerEvents {
  [MediaClientEvent.Join]: (request: MediaJoinRequest, ack: (answer: MediaAck<MediaJoinResult>) => void) => void;
  [MediaClientEvent.Ready]: (request: MediaReadyRequest, ack: (answer: MediaAck<MediaReadyResult>) => void) => void;
  [MediaClientEvent.CreateTransport]: (request: CreateTransportRequest, ack: (answer: MediaAck<TransportOptions>) => void) => void;
  [MediaClientEvent.ConnectTransport]: (request: ConnectTransportRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.RestartIce]: (request: TransportRequest, ack: (answer: MediaAck<RestartIceResult>) => void) => void;
  [MediaClientEvent.Produce]: (request: ProduceRequest, ack: (answer: MediaAck<ProduceResult>) => void) => void;
  [MediaClientEvent.PauseProducer]: (request: ProducerRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.ResumeProducer]: (request: ProducerRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.CloseProducer]: (request: ProducerRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.Consume]: (request: ConsumeRequest, ack: (answer: MediaAck<ConsumerOptions>) => void) => void;
  [MediaClientEvent.ResumeConsumer]: (request: ConsumerRequest, ack: (answer: MediaAck<ConsumerFlowResult>) => void) => void;
  [MediaClientEvent.PauseConsumer]: (request: ConsumerRequest, ack: (answer: MediaAck<ConsumerFlowResult>) => void) => void;
  [MediaClientEvent.CloseConsumer]: (request: ConsumerRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.SetPreferredLayers]: (request: SetPreferredLayersRequest, ack: (answer: MediaAck) => void) => void;
  [MediaClientEvent.GetStats]: (request: GetStatsRequest, ack: (answer: MediaAck<GetStatsResult>) => void) => void;
  [MediaClientEvent.StartRecording]: (request: Record<string, never>, ack: (answer: MediaAck<{ recording: RecordingState }>) => void) => void;
  [MediaClientEvent.StopRecording]: (request: Record<string, never>, ack: (answer: MediaAck<{ recording: RecordingState }>) => void) => void;
}

export interface MediaServerToClientEvents {
  [MediaServerEvent.Programme]: (event: ProgrammeEvent) => void;
  [MediaServerEvent.NewProducer]: (event: ProducerInfo) => void;
  [MediaServerEvent.ProducerClosed]: (event: ProducerClosedEvent) => void;
  [MediaServerEvent.ActiveSpeaker]: (event: ActiveSpeakerEvent) => void;
  [MediaServerEvent.Quality]: (event: QualityEvent) => void;
  [MediaServerEvent.Recording]: (event: RecordingState) => void;
  [MediaServerEvent.WorkerRestarted]: (event: WorkerRestartedEvent) => void;
  [MediaServerEvent.Publisher]: (event: PublisherEvent) => void;
  [MediaServerEvent.Error]: (event: MediaErrorBody) => void;
  [MediaServerEvent.SendLayers]: (event: SendLayersEvent) => void;
}

/** The socket.io room of a conference's sites on the media gateway. */
export const mediaConferenceRoom = (conferenceId: string) => `media:${conferenceId}`;
