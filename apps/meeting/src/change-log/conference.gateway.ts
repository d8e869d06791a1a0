import { Logger } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayDisconnect, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import {
  ClientEvent, ClientToServerEvents, conferenceRoom, JoinAck, JoinRequest, noticesRoom, RenewAck, RenewRequest, ServerEvent, ServerToClientEvents,
} from '@hoinghi/contracts';
import { conflict, invalid, roomsOfViewer, unauthenticated } from '@hoinghi/domain';
import { toErrorResponse } from '@hoinghi/server-kit';
import type { Server, Socket } from 'socket.io';
import type { AccessSession, AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ConferenceSyncService } from './conference-sync.service';
import { LocalSockets } from './local-sockets';

interface SocketData {
  user: AuthUser;
  /** When the access token (the handshake's or the last renewed one) ends, ms since the epoch. */
  expiresAt: number;
  /** The rooms joined per conference, to leave them together. */
  rooms: Map<string, string[]>;
}
type ConferenceSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Live conference state over socket.io: authenticate in the handshake, join the rooms of the
 * audiences the caller may see, answer with a snapshot or the missed deltas. A connection lives as long
 * as its access token: renewed with `auth:renew`, or told `auth:expired` and disconnected at its end.
 */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class ConferenceGateway implements OnGatewayInit, OnGatewayDisconnect {
  private readonly logger = new Logger(ConferenceGateway.name);
  /** Per socket id: the timer that ends the connection when its token does. */
  private readonly expiries = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly auth: AuthService,
    private readonly sync: ConferenceSyncService,
    private readonly local: LocalSockets,
  ) {}

  afterInit(server: Server): void {
    this.local.attach(server);
    // Authenticate in the handshake, so no event is ever handled for an unknown caller.
    server.use((socket, next) => {
      this.auth.verify(socket.handshake.auth?.token as string | undefined).then(
        ({ user, expiresAt }) => {
          (socket as ConferenceSocket).data = { user, expiresAt, rooms: new Map() };
          this.scheduleExpiry(socket as ConferenceSocket);
          // Notices concern the person, across conferences: every connection hears them, joined or not.
          void socket.join(noticesRoom(user.id));
          next();
        },
        (error: unknown) => {
          const response = toErrorResponse(error, this.logger);
          next(Object.assign(new Error(response.message), { data: response }));
        },
      );
    });
  }

  handleDisconnect(socket: ConferenceSocket): void {
    clearTimeout(this.expiries.get(socket.id));
    this.expiries.delete(socket.id);
  }

  @SubscribeMessage(ClientEvent.Renew)
  async renew(@ConnectedSocket() socket: ConferenceSocket, @MessageBody() request: RenewRequest): Promise<RenewAck> {
    try {
      const token = typeof request?.token === 'string' ? request.token : undefined;
      const session: AccessSession = await this.auth.verify(token);
      if (session.user.id !== socket.data.user.id) {
        throw unauthenticated('UNAUTHENTICATED', 'The new access token belongs to another user; reconnect with it instead.');
      }
      socket.data.user = session.user;
      socket.data.expiresAt = session.expiresAt;
      this.scheduleExpiry(socket);
      return { ok: true, expiresAt: new Date(session.expiresAt).toISOString() };
    } catch (error) {
      return { ok: false, error: toErrorResponse(error, this.logger) };
    }
  }

  @SubscribeMessage(ClientEvent.Join)
  async join(@ConnectedSocket() socket: ConferenceSocket, @MessageBody() request: JoinRequest): Promise<JoinAck> {
    return this.answer(async () => {
      this.assertSession(socket);
      const { conferenceId, sinceVersion } = this.parse(request);
      const scope = await this.sync.scopeOf(socket.data.user, conferenceId);
      // Join first, then read: a change committed in between arrives as a delta the client orders by version.
      const rooms = roomsOfViewer(conferenceId, scope);
      await socket.join(rooms);
      socket.data.rooms.set(conferenceId, rooms);
      return this.sync.catchUp(socket.data.user, conferenceId, sinceVersion, scope);
    });
  }

  @SubscribeMessage(ClientEvent.Sync)
  async resync(@ConnectedSocket() socket: ConferenceSocket, @MessageBody() request: JoinRequest): Promise<JoinAck> {
    return this.answer(async () => {
      this.assertSession(socket);
      const { conferenceId, sinceVersion } = this.parse(request);
      if (!socket.rooms.has(conferenceRoom(conferenceId))) {
        throw conflict('NOT_JOINED', 'Join the conference before asking to sync.');
      }
      return this.sync.catchUp(socket.data.user, conferenceId, sinceVersion);
    });
  }

  @SubscribeMessage(ClientEvent.Leave)
  async leave(@ConnectedSocket() socket: ConferenceSocket, @MessageBody() request: { conferenceId: string }) {
    const conferenceId = String(request?.conferenceId);
    for (const room of socket.data.rooms.get(conferenceId) ?? []) await socket.leave(room);
    socket.data.rooms.delete(conferenceId);
    return { ok: true };
  }

  /** At the token's end: say why, then disconnect (no more deltas). A late timer is backed by assertSession. */
  private scheduleExpiry(socket: ConferenceSocket): void {
    clearTimeout(this.expiries.get(socket.id));
    const timer = setTimeout(() => this.expire(socket), Math.max(0, socket.data.expiresAt - Date.now()));
    timer.unref();
    this.expiries.set(socket.id, timer);
  }

  private expire(socket: ConferenceSocket): void {
    this.expiries.delete(socket.id);
    if (!socket.connected) return;
    socket.emit(ServerEvent.SessionExpired, toErrorResponse(sessionExpired(), this.logger));
    socket.disconnect(true);
  }

  private assertSession(socket: ConferenceSocket): void {
    if (Date.now() < socket.data.expiresAt) return;
    setImmediate(() => this.expire(socket)); // after the refusal has been answered
    throw sessionExpired();
  }

  private parse(request: JoinRequest): JoinRequest {
    if (!request || typeof request.conferenceId !== 'string' || !UUID.test(request.conferenceId)) {
      throw invalid('VALIDATION_FAILED', 'conferenceId must be a UUID.');
    }
    const since = request.sinceVersion;
    if (since !== undefined && (!Number.isInteger(since) || since < 0)) {
      throw invalid('VALIDATION_FAILED', 'sinceVersion must be a whole number ≥ 0.');
    }
    return { conferenceId: request.conferenceId, sinceVersion: since };
  }

  private async answer(work: () => Promise<JoinAck>): Promise<JoinAck> {
    try {
      return await work();
    } catch (error) {
      return { ok: false, error: toErrorResponse(error, this.logger) };
    }
  }
}

const sessionExpired = () =>
  unauthenticated('SESSION_EXPIRED', 'The access token of this connection has expired; renew it (auth:renew) or sign in again.');
