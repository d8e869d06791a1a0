import { Logger } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import {
  ClientEvent, ClientToServerEvents, conferenceRoom, JoinAck, JoinRequest, ServerToClientEvents,
} from '@hoinghi/contracts';
import { conflict, invalid, roomsOfViewer } from '@hoinghi/domain';
import { toErrorResponse } from '@hoinghi/server-kit';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ConferenceSyncService } from './conference-sync.service';
import { LocalSockets } from './local-sockets';

interface SocketData {
  user: AuthUser;
  /** The rooms joined per conference, to leave them together. */
  rooms: Map<string, string[]>;
}
type ConferenceSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Live conference state over socket.io: authenticate in the handshake, join the rooms of the
 * audiences the caller may see, answer with a snapshot or the missed deltas.
 */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class ConferenceGateway implements OnGatewayInit {
  private readonly logger = new Logger(ConferenceGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly sync: ConferenceSyncService,
    private readonly local: LocalSockets,
  ) {}

  afterInit(server: Server): void {
    this.local.attach(server);
    // Authenticate in the handshake, so no event is ever handled for an unknown caller.
    server.use((socket, next) => {
      this.auth.authenticate(socket.handshake.auth?.token as string | undefined).then(
        (user) => {
          (socket as ConferenceSocket).data = { user, rooms: new Map() };
          next();
        },
        (error: unknown) => {
          const response = toErrorResponse(error, this.logger);
          next(Object.assign(new Error(response.message), { data: response }));
        },
      );
    });
  }

  @SubscribeMessage(ClientEvent.Join)
  async join(@ConnectedSocket() socket: ConferenceSocket, @MessageBody() request: JoinRequest): Promise<JoinAck> {
    return this.answer(async () => {
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
