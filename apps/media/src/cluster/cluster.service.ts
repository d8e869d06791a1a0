import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { sourceOf } from '../rooms/peer';
import type { Room } from '../rooms/room';
import { RoomsService } from '../rooms/rooms.service';
import { ClusterBus, ClusterRequestError } from './cluster-bus';
import type { ClusterRequest, RoomState } from './cluster-messages';
import { GatewayRegistry } from './gateway-registry';
import { PipeLinks } from './pipe-links';
import { remoteSites, remoteSitesWanted, roomStateDelay } from './pipe-plan';

/** After a failed pipe (the origin was busy or just restarting), try again this much later. */
const RETRY_MS = 1000;

/** What this gateway knows of one conference's room across the cluster. */
interface Span {
  room: Room;
  links: PipeLinks;
  /** The other gateways' parts of the conference, as last read. */
  states: Map<string, RoomState>;
  /** The last state written for our part (skip writing the same again). */
  published: string;
  /** When our part was last written (Date.now()): MEDIA_ROOM_STATE_MS spaces the writes. */
  publishedAt: number;
  publishScheduled: boolean;
  reconciling: Promise<void> | null;
  dirty: boolean;
  retry: NodeJS.Timeout | null;
}

/**
 * One conference across gateway hosts (docs/architecture.md, "Several hosts"). For each room it tells
 * the other gateways which sites are connected here and what they publish (room states), learns theirs,
 * and keeps the pipes to what the local connections need (pipe-plan.ts): the main hall and the floor
 * holder everywhere, every site to the main hall's gateway, every site everywhere under warm standby.
 * Each gateway applies the floor itself (every gateway hears `hoinghi:floor`), so a floor switch is a
 * resume of consumers on every host; the pipe from the holder's gateway carries its media.
 */
@Injectable()
export class ClusterService implements OnModuleInit {
  private readonly log = new Logger('Cluster');
  private readonly spans = new Map<string, Span>();

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly rooms: RoomsService,
    private readonly registry: GatewayRegistry,
    private readonly bus: ClusterBus,
  ) {}

  onModuleInit(): void {
    if (!this.config.cluster) return;
    this.bus.setInstance(this.registry.instance);
    this.rooms.onSourcesChanged((room) => {
      if (room.closed) return;
      const span = this.span(room);
      this.schedulePublish(span);
      this.scheduleReconcile(span);
    });
    this.rooms.onProgrammeChanged((room) => {
      if (!room.closed) this.scheduleReconcile(this.span(room));
    });
    this.rooms.onRoomClosed((conferenceId) => this.closed(conferenceId));
    this.bus.onRoomNotice(({ conferenceId, gatewayId }) => void this.refreshState(conferenceId, gatewayId));
    this.bus.onRequest((request) => this.serve(request));
    this.bus.onNotice((notice) => {
      const links = this.spans.get(notice.conferenceId)?.links;
      if (notice.op === 'paused') links?.onPaused(notice);
      else links?.serveLayers(notice);
    });
    this.rooms.onPipedDemand((room, producerId, layer) => this.spans.get(room.conferenceId)?.links.tellDemand(producerId, layer));
    this.bus.onResync(() => {
      for (const span of this.spans.values()) {
        span.published = ''; // write ours again too
        this.schedulePublish(span);
        void this.readAll(span);
      }
    });
    this.registry.onChange(() => {
      for (const span of this.spans.values()) {
        for (const { gatewayId, instance } of span.links.gateways()) {
          if (!this.registry.isLive(gatewayId, instance)) {
            this.log.warn(`conference ${span.room.conferenceId}: gateway ${gatewayId} is gone; closing its pipes`);
            span.links.dropGateway(gatewayId);
          }
        }
        this.scheduleReconcile(span);
      }
    });
  }

  /** For the health route. */
  health(conferenceId: string): { gateway: string; remoteSites: number; pipes: ReturnType<PipeLinks['summary']> } | undefined {
    const span = this.spans.get(conferenceId);
    if (!span) return undefined;
    return { gateway: this.config.cluster!.gatewayId, remoteSites: span.room.siteCount - span.room.localSiteCount, pipes: span.links.summary() };
  }

  private span(room: Room): Span {
    const existing = this.spans.get(room.conferenceId);
    if (existing && existing.room === room) return existing;
    existing?.links.close();
    const span: Span = {
      room,
      links: new PipeLinks(room, {
        bus: this.bus, cluster: this.config.cluster!, listenIp: this.config.listenIp,
        pipeAddressOf: (gatewayId, instance) => (this.registry.isLive(gatewayId, instance) ? this.registry.others().get(gatewayId)!.pipeAddress : null),
      }, this.log),
      states: new Map(), published: '', publishedAt: 0, publishScheduled: false, reconciling: null, dirty: false, retry: null,
    };
    this.spans.set(room.conferenceId, span);
    void this.readAll(span);
    return span;
  }

  private closed(conferenceId: string): void {
    const span = this.spans.get(conferenceId);
    if (!span) return;
    this.spans.delete(conferenceId);
    if (span.retry) clearTimeout(span.retry);
    span.links.close();
    this.bus.publishRoomState(conferenceId, null).catch((error: Error) => this.log.warn(`room state of ${conferenceId}: ${error.message}`));
  }

  private async readAll(span: Span): Promise<void> {
    try {
      const states = await this.bus.readRoomStates(span.room.conferenceId);
      states.delete(this.config.cluster!.gatewayId);
      span.states = states;
      this.scheduleReconcile(span);
    } catch (error) {
      this.log.warn(`reading the room states of ${span.room.conferenceId}: ${(error as Error).message}`);
    }
  }

  /** Another gateway's part of a conference changed. */
  private async refreshState(conferenceId: string, gatewayId: string): Promise<void> {
    const span = this.spans.get(conferenceId);
    if (!span) return;
    try {
      const state = await this.bus.readRoomState(conferenceId, gatewayId);
      if (state) {
        span.states.set(gatewayId, state);
      } else {
        // Its room closed (its last site left): its producers here and the pipes we fed it go.
        span.states.delete(gatewayId);
        span.links.dropGateway(gatewayId);
      }
      this.scheduleReconcile(span);
    } catch (error) {
      this.log.warn(`reading gateway ${gatewayId}'s part of ${conferenceId}: ${(error as Error).message}`);
    }
  }

  /** Writes our part of the room state: changes of one turn together, and at most one write per MEDIA_ROOM_STATE_MS. */
  private schedulePublish(span: Span): void {
    if (span.publishScheduled) return;
    span.publishScheduled = true;
    setTimeout(() => {
      span.publishScheduled = false;
      if (span.room.closed || this.spans.get(span.room.conferenceId) !== span) return;
      const state: RoomState = {
        v: 1, gatewayId: this.config.cluster!.gatewayId, instance: this.registry.instance,
        sites: span.room.localSites().map((site) => ({
          siteId: site.siteId, main: site.isMain,
          producers: site.producers.map((p) => (sourceOf(p) === 'screen' ? { id: p.id, kind: p.kind, source: 'screen' as const } : { id: p.id, kind: p.kind })),
          ...(site.share ? { share: { userName: site.share.userName, since: site.share.since } } : {}),
        })),
      };
      const text = JSON.stringify(state);
      if (text === span.published) return;
      span.published = text;
      span.publishedAt = Date.now();
      this.bus.publishRoomState(span.room.conferenceId, state).catch((error: Error) => {
        span.published = '';
        this.log.warn(`room state of ${span.room.conferenceId}: ${error.message}`);
      });
    }, roomStateDelay(span.publishedAt, Date.now(), this.config.cluster!.roomStateMs));
  }

  /** One reconcile per room at a time; changes meanwhile run it once more. */
  private scheduleReconcile(span: Span): void {
    span.dirty = true;
    if (span.reconciling) return;
    span.reconciling = (async () => {
      while (span.dirty && !span.room.closed) {
        span.dirty = false;
        await this.reconcile(span);
      }
    })().finally(() => (span.reconciling = null));
  }

  /** Brings the room's remote sites and pipes in line with the other gateways' states and the programme. */
  private async reconcile(span: Span): Promise<void> {
    const { room, links } = span;
    await room.settled(); // not while a worker death rebuilds it
    if (room.closed) return;
    const live = [...span.states.values()].filter((s) => this.registry.isLive(s.gatewayId, s.instance));
    const local = new Set(room.localSites().map((s) => s.siteId));
    const remote = remoteSites(live, local);
    room.setRemoteSites(remote.map((s) => ({ siteId: s.siteId, isMain: s.main })));
    const wanted = remoteSitesWanted(
      { mainSiteId: room.mainSiteId, floorSiteId: room.floorSiteId }, room.peers.values(), remote.map((s) => s.siteId),
      { count: room.siteCount, standbyMax: this.config.standbyMaxSites },
    );
    const want = new Map<string, (typeof remote)[number]>();
    for (const site of remote) {
      for (const p of site.producers) {
        // A shared screen goes to every site, whatever the programme says of its site's camera.
        if (p.source === 'screen') {
          if (room.acceptsRemoteScreen({ siteId: site.siteId, producerId: p.id, userName: site.share?.userName ?? '', since: site.share?.since ?? '' })) want.set(p.id, site);
        } else if (wanted.has(site.siteId)) want.set(p.id, site);
      }
    }
    for (const producerId of links.pipedIds()) {
      if (want.get(producerId)?.gatewayId !== links.pipedFrom(producerId)) links.unpipe(producerId);
    }
    let failed = false;
    await Promise.all([...want].filter(([producerId]) => links.pipedFrom(producerId) === undefined).map(async ([producerId, site]) => {
      try {
        const producer = await links.pipe(site, producerId);
        if (!room.addRemoteProducer(site.siteId, producer, site.share)) links.unpipe(producerId);
      } catch (error) {
        failed = true;
        this.log.warn(`conference ${room.conferenceId}: piping ${site.siteId}'s producer ${producerId} from ${site.gatewayId}: ${(error as Error).message}`);
      }
    }));
    if (failed && !span.retry) {
      span.retry = setTimeout(() => {
        span.retry = null;
        if (this.spans.get(room.conferenceId) === span) this.scheduleReconcile(span);
      }, RETRY_MS);
      span.retry.unref();
    }
  }

  private async serve(request: ClusterRequest) {
    const span = this.spans.get(request.conferenceId);
    if (!span || span.room.closed) throw new ClusterRequestError('ROOM_CLOSED', `no room of conference ${request.conferenceId} on this gateway`);
    await span.room.settled();
    switch (request.op) {
      case 'link':
        return { link: await span.links.serveLink(request) };
      case 'pipe':
        return { producer: await span.links.servePipe(request) };
      case 'unpipe':
        span.links.serveUnpipe(request);
        return {};
    }
  }
}
