import { Logger } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import {
  ConnectTransportRequest, ConsumerFlowResult, ConsumerOptions, GetStatsResult, MEDIA_HEARTBEAT, MEDIA_NAMESPACE, MediaAck, MediaClientEvent,
  MediaClientToServerEvents, mediaConferenceRoom, MediaJoinClaims, MediaJoinResult, MediaReadyResult, MediaServerToClientEvents,
  ProduceResult, RecordingState, RestartIceResult, TransportOptions,
} from '@hoinghi/contracts';
import { forbidden, invalid, unauthenticated } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import type { Namespace, Socket } from 'socket.io';
import { MediaTokenService } from '../auth/media-token.service';
import { UsedJoinTokens } from '../auth/used-join-tokens';
import { toMediaError } from '../common/media-errors';
import { RecordingService } from '../recording/recording.service';
import { RoomsService, SocketSeat } from '../rooms/rooms.service';
import { SiteNotifier } from './site-notifier';

type MediaSocket = Socket<MediaClientToServerEvents, MediaServerToClientEvents, Record<string, never>, { claims: MediaJoinClaims; tokenExpiresAt: number; seat?: SocketSeat }>;
type Body = Record<string, unknown> | undefined;

/**
 * The /media signalling: authenticates the join token in the handshake, then translates each request
 * into a RoomsService / Room call and the outcome into an ack ({ ok: true, … } or { ok: false, error }).
 * The order of steps (join → ready → transports → produce/consume) is enforced by the room.
 */
@WebSocketGateway({
  namespace: MEDIA_NAMESPACE, cors: { origin: true, credentials: true },
  pingInterval: MEDIA_HEARTBEAT.pingIntervalMs, pingTimeout: MEDIA_HEARTBEAT.pingTimeoutMs, // a frozen site is gone within seconds
})
export class MediaGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger('MediaGateway');

  constructor(
    private readonly tokens: MediaTokenService,
    private readonly usedTokens: UsedJoinTokens,
    private readonly rooms: RoomsService,
    private readonly recordings: RecordingService,
    private readonly notifier: SiteNotifier,
  ) {}

  afterInit(namespace: Namespace): void {
    this.notifier.attach(namespace);
    // No token, a bad signature, an expired token, another kind of token or one used before: refused before any event.
    namespace.use((socket, next) => {
      const admit = async () => {
        const token = await this.tokens.verifyJoin(socket.handshake.auth?.token);
        await this.usedTokens.claim(token.jti, token.expiresAt);
        Object.assign((socket as MediaSocket).data, { claims: token.claims, tokenExpiresAt: token.expiresAt });
      };
      admit().then(
        () => next(),
        (error: unknown) => {
          const body = toMediaError(error, this.logger);
          next(Object.assign(new Error(body.message), { data: body }));
        },
      );
    });
  }

  handleDisconnect(socket: MediaSocket): void {
    this.rooms.leave(socket.data.seat, socket.id);
  }

  @SubscribeMessage(MediaClientEvent.Join)
  join(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<MediaJoinResult>> {
    return this.answer(async () => {
      const conferenceId = text(body, 'conferenceId');
      const { claims } = socket.data;
      this.assertTokenLive(socket);
      this.tokens.assertConference(claims, conferenceId); // before the socket enters the conference's room
      // In the room before the peer exists, so the Programme that the join triggers reaches this socket.
      const role = body?.role ?? 'viewer';
      if (role !== 'publisher' && role !== 'viewer') throw invalid('VALIDATION_FAILED', "must be 'publisher' or 'viewer'", 'role');
      const takeOver = body?.takeOver ?? false;
      if (typeof takeOver !== 'boolean') throw invalid('VALIDATION_FAILED', 'must be true or false', 'takeOver');
      await socket.join(mediaConferenceRoom(conferenceId));
      let seated;
      try {
        seated = await this.rooms.join(claims, socket.id, { role, takeOver });
      } catch (error) {
        // Refused (e.g. CAMERA_HELD): a socket that holds no seat hears nothing of the conference.
        if (!socket.data.seat || !this.rooms.room(conferenceId)?.peers.has(socket.id)) {
          await socket.leave(mediaConferenceRoom(conferenceId));
          socket.data.seat = undefined;
        }
        throw error;
      }
      const { room, peer } = seated;
      socket.data.seat = { conferenceId, siteId: peer.siteId };
      return {
        conferenceId, siteId: peer.siteId, isMain: peer.isMain, role: peer.role, publisher: room.publisherOf(peer.siteId)?.publisher ?? null,
        routerRtpCapabilities: room.routerRtpCapabilities(peer),
      };
    });
  }

  @SubscribeMessage(MediaClientEvent.Ready)
  ready(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<MediaReadyResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return room.setReady(peer, object(body, 'rtpCapabilities') as unknown as mediasoup.types.RtpCapabilities);
    });
  }

  @SubscribeMessage(MediaClientEvent.CreateTransport)
  createTransport(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<TransportOptions>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      this.assertTokenLive(socket);
      const direction = body?.direction;
      if (direction !== 'send' && direction !== 'recv') throw invalid('VALIDATION_FAILED', "must be 'send' or 'recv'", 'direction');
      const type = body?.type ?? 'webrtc';
      if (type !== 'webrtc' && type !== 'plain') throw invalid('VALIDATION_FAILED', "must be 'webrtc' or 'plain'", 'type');
      return room.createTransport(peer, direction, type);
    });
  }

  @SubscribeMessage(MediaClientEvent.ConnectTransport)
  connectTransport(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      text(body, 'transportId');
      await room.connectTransport(peer, body as unknown as ConnectTransportRequest);
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.RestartIce)
  restartIce(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<RestartIceResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return { iceParameters: await room.restartIce(peer, text(body, 'transportId')) };
    });
  }

  @SubscribeMessage(MediaClientEvent.Produce)
  produce(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<ProduceResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      const kind = body?.kind;
      if (kind !== 'audio' && kind !== 'video') throw invalid('VALIDATION_FAILED', "must be 'audio' or 'video'", 'kind');
      const source = body?.source ?? 'camera';
      if (source !== 'camera' && source !== 'screen') throw invalid('VALIDATION_FAILED', "must be 'camera' or 'screen'", 'source');
      const producer = await room.produce(peer, text(body, 'transportId'), kind, body?.rtpParameters, source);
      return { producerId: producer.id };
    });
  }

  @SubscribeMessage(MediaClientEvent.PauseProducer)
  pauseProducer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      await room.setProducerPaused(peer, text(body, 'producerId'), true);
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.ResumeProducer)
  resumeProducer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      await room.setProducerPaused(peer, text(body, 'producerId'), false);
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.CloseProducer)
  closeProducer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      room.producerOf(peer, text(body, 'producerId')).close();
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.Consume)
  consume(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<ConsumerOptions>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return room.consume(peer, text(body, 'transportId'), text(body, 'producerId'));
    });
  }

  @SubscribeMessage(MediaClientEvent.ResumeConsumer)
  resumeConsumer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<ConsumerFlowResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return { flowing: await room.setWanted(peer, text(body, 'consumerId'), true) };
    });
  }

  @SubscribeMessage(MediaClientEvent.PauseConsumer)
  pauseConsumer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<ConsumerFlowResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return { flowing: await room.setWanted(peer, text(body, 'consumerId'), false) };
    });
  }

  @SubscribeMessage(MediaClientEvent.CloseConsumer)
  closeConsumer(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      room.consumerOf(peer, text(body, 'consumerId')).consumer.close();
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.SetPreferredLayers)
  setPreferredLayers(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      const temporal = body?.temporalLayer;
      await room.setPreferredLayers(peer, text(body, 'consumerId'), Number(body?.spatialLayer), temporal === undefined ? null : Number(temporal));
      return {};
    });
  }

  @SubscribeMessage(MediaClientEvent.GetStats)
  getStats(@ConnectedSocket() socket: MediaSocket, @MessageBody() body: Body): Promise<MediaAck<GetStatsResult>> {
    return this.answer(async () => {
      const { room, peer } = this.seat(socket);
      return { stats: await room.getStats(peer, text(body, 'id')) };
    });
  }

  @SubscribeMessage(MediaClientEvent.StartRecording)
  startRecording(@ConnectedSocket() socket: MediaSocket): Promise<MediaAck<{ recording: RecordingState }>> {
    return this.answer(async () => ({ recording: await this.recordings.start(this.chair(socket)) }));
  }

  @SubscribeMessage(MediaClientEvent.StopRecording)
  stopRecording(@ConnectedSocket() socket: MediaSocket): Promise<MediaAck<{ recording: RecordingState }>> {
    return this.answer(async () => ({ recording: await this.recordings.stop(this.chair(socket)) }));
  }

  /**
   * A connection lives on after its join token expires, but opens nothing new with it: no join and no
   * transport (a takeover with a leaked old token gets no media); the client reconnects with a fresh token.
   */
  private assertTokenLive(socket: MediaSocket): void {
    if (Date.now() >= socket.data.tokenExpiresAt) {
      throw unauthenticated('TOKEN_EXPIRED', 'The join token of this connection has expired; reconnect with a fresh one.');
    }
  }

  private seat(socket: MediaSocket) {
    return this.rooms.seat(socket.data.seat, socket.id);
  }

  /** Recording is the chair's: only a joined main site may start or stop it. */
  private chair(socket: MediaSocket): string {
    const { room, peer } = this.seat(socket);
    if (!peer.isMain) throw forbidden('NOT_MAIN_SITE', 'Only the main site (the chair) starts and stops recording.');
    // Any connection of the main site may: the chair's console is a viewer of it.
    return room.conferenceId;
  }

  private async answer<T extends object>(work: () => Promise<T>): Promise<MediaAck<T>> {
    try {
      return { ok: true, ...(await work()) };
    } catch (error) {
      return { ok: false, error: toMediaError(error, this.logger) };
    }
  }
}

function text(body: Body, field: string): string {
  const value = body?.[field];
  if (typeof value !== 'string' || value === '' || value.length > 200) throw invalid('VALIDATION_FAILED', 'is required (text of at most 200 characters)', field);
  return value;
}

function object(body: Body, field: string): Record<string, unknown> {
  const value = body?.[field];
  if (!value || typeof value !== 'object' || Array.isArray(value)) throw invalid('VALIDATION_FAILED', 'must be an object', field);
  return value as Record<string, unknown>;
}
