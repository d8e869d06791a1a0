import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { FloorEvent, FloorQueueEvent, MediaControlsEvent, MediaJoinClaims, MediaServerEvent } from '@hoinghi/contracts';
import { conflict } from '@hoinghi/domain';
import { EventEmitter } from 'node:events';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { MediaStatusPublisher } from '../bus/media-status.publisher';
import { FloorHolders } from '../programme/floor-holders';
import { MediaControlsHolder } from '../programme/media-controls';
import { WorkerDeath, WorkerPool, WorkerReplacement } from '../workers/worker-pool.service';
import { MEDIA_CODECS } from './media-codecs';
import { Peer } from './peer';
import { Room, SeatWish } from './room';
import { SITE_CHANNEL, SiteChannel } from './site-channel';

/** How long opening a room waits for the meeting service to say who has the floor. */
const OPEN_FLOOR_WAIT_MS = 2000;

/** Which conference and site a socket speaks for, once joined (the socket id finds its connection). */
export interface SocketSeat {
  conferenceId: string;
  siteId: string;
}

/**
 * The gateway's conferences: opens a room when its first site joins, closes it when the last leaves,
 * applies floor events, and moves conferences off a dead worker.
 */
@Injectable()
export class RoomsService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Rooms');
  private readonly rooms = new Map<string, Room>();
  private readonly opening = new Map<string, Promise<Room>>();
  /** Conferences that were on a worker that died, until its replacement is up (for 'worker-replaced'). */
  private readonly displaced = new Map<number, string[]>();
  private readonly events = new EventEmitter();
  /** Conferences the meeting service ended or cancelled (as long as this process runs; tokens stop too). */
  private readonly ended = new Set<string>();
  /** Work to finish while an ending conference's routers still carry media (the recorder's last file). */
  private readonly endingHooks: Array<(conferenceId: string) => Promise<unknown>> = [];

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly pool: WorkerPool,
    @Inject(SITE_CHANNEL) private readonly channel: SiteChannel,
    private readonly status: MediaStatusPublisher,
    private readonly floors: FloorHolders,
    private readonly controls: MediaControlsHolder,
  ) {}

  onModuleInit(): void {
    this.floors.onChange((conferenceId, siteId) => void this.setFloor(conferenceId, siteId));
    this.floors.onQueueChange((conferenceId, next) => void this.rooms.get(conferenceId)?.setWarm(next).catch((error: Error) => {
      this.log.error(`warm speakers of conference ${conferenceId}: ${error.message}`);
    }));
    this.pool.onWorkerDied((death) => void this.onWorkerDied(death));
    this.pool.onWorkerReplaced((replacement) => this.onWorkerReplaced(replacement));
  }

  onApplicationShutdown(): void {
    for (const room of this.rooms.values()) room.close();
    this.rooms.clear();
  }

  room(conferenceId: string): Room | undefined {
    return this.rooms.get(conferenceId);
  }

  all(): Room[] {
    return [...this.rooms.values()];
  }

  /** The programme of a room changed (floor, main site, their producers, a rebuild). */
  onProgrammeChanged(listener: (room: Room) => void): void {
    this.events.on('programme', listener);
  }

  /** A room's own sites or their producers changed (joins, leaves, produce, close); the cluster tells the other gateways. */
  onSourcesChanged(listener: (room: Room) => void): void {
    this.events.on('sources', listener);
  }

  /** The layer this gateway's sites want of a camera piped from another gateway changed; the cluster tells that gateway. */
  onPipedDemand(listener: (room: Room, producerId: string, layer: number) => void): void {
    this.events.on('piped-demand', listener);
  }

  /** A conference is ending: `hook` runs (awaited) before its room closes. */
  beforeConferenceEnds(hook: (conferenceId: string) => Promise<unknown>): void {
    this.endingHooks.push(hook);
  }

  /** A room closed (its last connection left, or the conference ended). */
  onRoomClosed(listener: (conferenceId: string) => void): void {
    this.events.on('closed', listener);
  }

  /**
   * Seats a connection of the token's site in the token's conference (a token can name no other), as a
   * viewer or as the site's publisher. A takeover tells the previous publisher (CAMERA_TAKEN); it stays
   * connected as a viewer.
   */
  async join(claims: MediaJoinClaims, socketId: string, wish: SeatWish): Promise<{ room: Room; peer: Peer }> {
    const conferenceId = claims.cid;
    if (this.ended.has(conferenceId)) throw conflict('CONFERENCE_CLOSED', 'This conference has ended; its video is closed.');
    let room = await this.roomFor(conferenceId);
    // The last connection may leave (closing the room) while this one joins: then open a fresh room.
    if (room.closed) room = await this.roomFor(conferenceId);
    const { peer, displaced } = await room.addPeer(claims, socketId, wish);
    if (displaced) {
      this.channel.toSocket(displaced.socketId, MediaServerEvent.Error, {
        statusCode: 409, error: 'CAMERA_TAKEN',
        message: `${peer.userName} took over this site's camera and microphone; this connection now only receives.`,
        current: peer.publisher,
      });
    }
    this.log.log(`site ${claims.sid}${claims.main ? ' (main)' : ''} joined conference ${conferenceId} as ${peer.role}${displaced ? ' (taking over the camera)' : ''}`);
    return { room, peer };
  }

  /** The socket's connection, once it has joined. */
  seat(seat: SocketSeat | undefined, socketId: string): { room: Room; peer: Peer } {
    const room = seat ? this.rooms.get(seat.conferenceId) : undefined;
    const peer = room?.peers.get(socketId);
    if (!room || !peer || peer.siteId !== seat?.siteId) throw conflict('NOT_JOINED', 'Join the conference first.');
    return { room, peer };
  }

  leave(seat: SocketSeat | undefined, socketId: string): void {
    const room = seat ? this.rooms.get(seat.conferenceId) : undefined;
    const peer = room?.peers.get(socketId);
    if (!room || !peer) return;
    room.removePeer(peer);
    this.log.log(`site ${peer.siteId} (${peer.role}) left conference ${room.conferenceId}`);
    if (room.peers.size === 0) this.closeRoom(room);
  }

  /**
   * The meeting service ended or cancelled the conference: its video stops (recording included, as
   * the recorder follows room closing), every connection is told and disconnected, and no one joins again.
   */
  async endConference(conferenceId: string): Promise<void> {
    if (this.ended.has(conferenceId)) return;
    this.ended.add(conferenceId);
    const room = this.rooms.get(conferenceId);
    if (!room) return;
    await Promise.allSettled(this.endingHooks.map((hook) => hook(conferenceId)));
    const sockets = [...room.peers.values()].map((p) => p.socketId);
    this.channel.toConference(conferenceId, MediaServerEvent.Error, {
      statusCode: 409, error: 'CONFERENCE_CLOSED', message: 'The conference has ended; its video and recording have stopped.',
    });
    this.closeRoom(room);
    for (const socketId of sockets) this.channel.disconnect(socketId);
    this.log.log(`conference ${conferenceId} ended: room closed, ${sockets.length} connection(s) disconnected`);
  }

  private closeRoom(room: Room): void {
    room.close();
    if (this.rooms.get(room.conferenceId) === room) this.rooms.delete(room.conferenceId);
    this.floors.stopReading(room.conferenceId);
    this.controls.forget(room.conferenceId);
    this.events.emit('closed', room.conferenceId);
  }

  /** The meeting service granted or ended the floor. */
  async applyFloor(event: FloorEvent): Promise<void> {
    await this.rooms.get(event.conferenceId)?.setFloor(this.floors.applyEvent(event));
  }

  /** The next speakers in the floor queue changed: the room keeps their video warm. */
  async applyQueue(event: FloorQueueEvent): Promise<void> {
    await this.rooms.get(event.conferenceId)?.setWarm(this.floors.applyQueue(event));
  }

  /** The chair changed the media controls (screen sharing, mutes). */
  async applyControls(event: MediaControlsEvent): Promise<void> {
    await this.rooms.get(event.conferenceId)?.setControls(this.controls.applyEvent(event));
  }

  /** Floor and media controls events may have been lost (Redis was down): read every room's again from the meeting service. */
  refreshFloors(): void {
    for (const conferenceId of new Set([...this.rooms.keys(), ...this.opening.keys()])) {
      void this.floors.refresh(conferenceId, 0);
      void this.controls.refresh(conferenceId).then((controls) => this.rooms.get(conferenceId)?.setControls(controls));
    }
  }

  private async setFloor(conferenceId: string, siteId: string | null): Promise<void> {
    try {
      await this.rooms.get(conferenceId)?.setFloor(siteId);
    } catch (error) {
      this.log.error(`floor of conference ${conferenceId}: ${(error as Error).message}`);
    }
  }

  private async roomFor(conferenceId: string): Promise<Room> {
    const existing = this.rooms.get(conferenceId);
    if (existing) return existing;
    let opening = this.opening.get(conferenceId);
    if (!opening) {
      // A gateway that just started, or missed events, may not know the holder: ask the meeting
      // service first, but open with what it knows if that takes longer (the read goes on).
      const controlsRead = this.controls.refresh(conferenceId);
      opening = this.floors.refresh(conferenceId, OPEN_FLOOR_WAIT_MS).then((floor) => Room.open(conferenceId, floor, {
        config: this.config,
        channel: this.channel,
        placeRouter: (cid, avoid) => this.pool.createRouter(cid, MEDIA_CODECS, avoid),
        onProgrammeChanged: (room) => this.events.emit('programme', room),
        onSourcesChanged: (room) => this.events.emit('sources', room),
        onPipedDemand: (room, producerId, layer) => this.events.emit('piped-demand', room, producerId, layer),
      })).then(async (room) => {
        this.rooms.set(conferenceId, room);
        await room.setFloor(this.floors.holder(conferenceId)); // an event or a late read while the router was made
        await room.setWarm(this.floors.queueHead(conferenceId));
        // What the gateway knows now (an event may have come), then the read's answer whenever it lands.
        await room.setControls(this.controls.controls(conferenceId));
        void controlsRead.then((controls) => (room.closed ? undefined : room.setControls(controls)));
        return room;
      });
      this.opening.set(conferenceId, opening);
      opening.finally(() => this.opening.delete(conferenceId)).catch(() => undefined);
    }
    return opening;
  }

  private async onWorkerDied({ index, pid, error }: WorkerDeath): Promise<void> {
    const affected = this.all().filter((room) => room.workerIndexes().has(index));
    this.displaced.set(index, affected.map((r) => r.conferenceId));
    const details = { workerIndex: index, pid, error: error.message };
    for (const room of affected) await this.status.publish('worker-died', room.conferenceId, details);
    if (affected.length === 0) await this.status.publish('worker-died', '', details);
    await Promise.all(affected.map(async (room) => {
      try {
        await room.rebuild(`mediasoup worker ${pid} died`);
        this.log.warn(`conference ${room.conferenceId} moved to worker(s) ${[...room.workerIndexes()].join(', ')} after worker #${index} died`);
      } catch (rebuildError) {
        this.log.error(`conference ${room.conferenceId} could not be rebuilt: ${(rebuildError as Error).message}`);
      }
    }));
  }

  private onWorkerReplaced({ index, oldPid, pid }: WorkerReplacement): void {
    const conferences = this.displaced.get(index) ?? [];
    this.displaced.delete(index);
    const details = { workerIndex: index, pid: oldPid, newPid: pid };
    for (const conferenceId of conferences.length ? conferences : ['']) void this.status.publish('worker-replaced', conferenceId, details);
  }
}
