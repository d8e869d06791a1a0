import { Logger } from '@nestjs/common';
import {
  ConnectedSocket, MessageBody, OnGatewayInit, SubscribeMessage, WebSocketGateway,
} from '@nestjs/websockets';
import {
  ClientEvent, ClientToServerEvents, conferenceRoom, JoinAck, JoinRequest, ServerEvent, ServerToClientEvents,
} from '@hoinghi/contracts';
import { conflict, invalid } from '@hoinghi/domain';
import { toErrorResponse } from '@hoinghi/server-kit';
import type { Server, Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user';
import { AuthService } from '../auth/auth.service';
import { ConferencePublisher } from './conference-publisher';
import { ConferenceSyncService } from './conference-sync.service';

type ConferenceSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, { user: AuthUser }>;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Live conference state over socket.io: authenticate on connect, join a room, get a snapshot or deltas. */
@WebSocketGateway({ cors: { origin: true, credentials: true } })
export class ConferenceGateway implements OnGatewayInit {
  private readonly logger = new Logger(ConferenceGateway.name);

  constructor(
    private readonly auth: AuthService,
    private readonly sync: ConferenceSyncService,
    private readonly publisher: ConferencePublisher,
  ) {}

  afterInit(server: Server): void {
    this.publisher.attach(server);
    // Authenticate in the handshake, so no event is ever handled for an unknown caller.
    server.use((socket, next) => {
      this.auth.authenticate(socket.handshake.auth?.token as string | undefined).then(
        (user) => {
          (socket as ConferenceSocket).data.user = user;
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
      await this.sync.authorizeView(socket.data.user, conferenceId);
      // Join first, then read: a change committed in between arrives as a delta the client can order by version.
      await socket.join(conferenceRoom(conferenceId));
      return this.sync.catchUp(socket.data.user, conferenceId, sinceVersion);
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
    await socket.leave(conferenceRoom(String(request?.conferenceId)));
    return { ok: true };
  }

  private parse(request: JoinRequest): Required<Pick<JoinRequest, 'conferenceId'>> & JoinRequest {
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
      const { statusCode, error: code, message } = toErrorResponse(error, this.logger);
      return { ok: false, error: { statusCode, error: code, message } };
    }
  }
}
