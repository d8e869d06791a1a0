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
//  5. For every producer the server announces (Ready's `producers`, NewProducer, Programme's `producers`)
//     that is not your own (Programme is the same for everyone and lists the floor holder's producers
//     to the floor holder too) and not yet consumed: emit Consume { transportId: recvTransport.id, producerId }
//     → consumer options; recvTransport.consume(options); then emit ResumeConsumer { consumerId }.
//     The server keeps each consumer paused unless its site is on your programme (see below), so
//     you may hold consumers of sites that are off the programme: they start flowing the moment the
//     floor moves to them, without a round trip.
//  6. Render: a district site shows the main site (Programme.mainSiteId) and the floor holder
//     (Programme.floorSiteId); the main site shows every site as a grid, highlighting ActiveSpeaker.
//  7. ProducerClosed { producerId } → close your local consumer of that producer.
//     WorkerRestarted → the conference has moved to a new mediasoup worker: close the Device's
//     transports and reconnect (a fresh token), then step 2. Re-joining on the same socket works only
//     while its join token is unexpired, i.e. within its first 2 minutes.
//     transport 'connectionstatechange' = 'failed' (or 'disconnected' for a few seconds) → emit
//     RestartIce { transportId } → { iceParameters }; transport.restartIce({ iceParameters }).
//     Error CAMERA_TAKEN → another connection of this site took over the camera: this one is now a viewer
//     (its producers are closed; stop the local camera). To publish again, Join again with takeOver.
//     Error CONFERENCE_CLOSED → the conference has ended (or was cancelled): the gateway closed its room
//     and disconnects; do not reconnect.
// Every request takes an ack callback; the ack is MediaAck<T>: `{ ok: true, ...T }` or `{ ok: false, error }`.

import type { ErrorResponse } from './errors';

export const MEDIA_NAMESPACE = '/media';

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
  mediaUrl: string; // where the browser connects socket.io (namespace /media)
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
 * What a failed request's ack and `connect_error.data` carry: the REST ErrorResponse (statusCode 400 bad
 * payload, 401 token, 403 wrong conference / not the main site, 404 unknown id, 409 wrong step, 500).
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

export interface ProduceRequest {
  transportId: string;
  kind: MediaKind;
  rtpParameters: RtpParametersJson;
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
  /** ProgrammeEvent: to every site of the conference whenever the main site, the floor holder or their producers change. */
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
} as const;

export interface ProducerInfo {
  producerId: string;
  siteId: string;
  kind: MediaKind;
}

export interface ProgrammeEvent {
  conferenceId: string;
  /** The main site (the province hall) once it has joined, else null. */
  mainSiteId: string | null;
  /** The site that has the floor (from the meeting service: its floor events, or read from it), else null. */
  floorSiteId: string | null;
  /** The producers of the main site and the floor holder: what a district site shows. */
  producers: ProducerInfo[];
  /** Grows by one per change, so a client can drop an out-of-order event. */
  seq: number;
  at: string;
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

/** GET /api/conferences/:id/recordings on the gateway (Authorization: Bearer <media join token>). */
export interface RecordingsResponse {
  recording: RecordingState;
  files: RecordingFile[];
}

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
}

/** The socket.io room of a conference's sites on the media gateway. */
export const mediaConferenceRoom = (conferenceId: string) => `media:${conferenceId}`;
