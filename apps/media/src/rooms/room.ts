import { Logger } from '@nestjs/common';
import {
  ActiveSpeakerEvent, ConnectTransportRequest, ConsumerOptions, MediaClientEvent, MediaJoinClaims, MediaKind, MediaReadyResult, MediaRole, MediaServerEvent,
  MediaControlsView, ProducerInfo, ProducerSource, ProgrammeEvent, ScreenShare, SitePublisher, TransportDirection, TransportOptions,
} from '@hoinghi/contracts';
import { conflict, forbidden, invalid, NO_MEDIA_CONTROLS, notFound, stale } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import { assertSdpSafe } from '../common/sdp-safe';
import type { MediaConfig } from '../config/media-config';
import {
  decideShare, firstShare, isAnnounced, isStandbyLayer, isWarm, mayConsume, micPaused, onAir, programmeSites, shareMustStop, shouldFlow, sitesAffectedByFloorChange,
  sitesAffectedByWarmChange,
} from '../programme/programme-rule';
import { effectiveSpatialLayer, LinkState, MAX_SPATIAL_LAYER } from '../quality/quality-policy';
import { applyLayers, requestLayers } from './link-caps';
import type { PlacedRouter } from '../workers/worker-pool.service';
import { Peer, PeerConsumer, RouterSlot, sourceOf } from './peer';
import { decideSeat } from './publisher-seat';
import { RoomRouters } from './room-routers';
import { sendLayer, SendLayerTracker } from './send-layers';
import { checkProducerRtpParameters } from './rtp-parameters-check';
import { connectTransport, openTransport, restartIce, transportOf } from './peer-transports';
import type { SiteChannel } from './site-channel';

type Producer = mediasoup.types.Producer;
type RtpCapabilities = mediasoup.types.RtpCapabilities;

export interface RoomDeps {
  config: MediaConfig;
  channel: SiteChannel;
  /** A new router for this conference, preferably on a worker not in `avoid`. */
  placeRouter(conferenceId: string, avoid: ReadonlySet<number>): Promise<PlacedRouter>;
  /** The programme (main site, floor holder or their producers) changed; the recorder follows it. */
  onProgrammeChanged(room: Room): void;
  /** This gateway's own sites or their producers changed (what other gateways of a cluster are told). */
  onSourcesChanged(room: Room): void;
  /** The layer this gateway's sites want of a camera piped here from another gateway changed (cluster/ tells its origin). */
  onPipedDemand?(room: Room, producerId: string, layer: number): void;
}

/** The programme's sources, for the recorder. */
export interface ProgrammeSources {
  mainVideo: Producer | null;
  mainAudio: Producer | null;
  floorAudio: Producer | null;
  /** The shared screen, whichever site (or gateway) shares it. */
  screen: Producer | null;
}

/** What a connection asks for at Join. */
export interface SeatWish {
  role: MediaRole;
  takeOver: boolean;
}

/**
 * One conference on the gateway: its connections, the programme, and the signalling steps. Its routers
 * (placement, pipes, where producers live) are in RoomRouters; who flows to whom is the programme rule
 * (programme/programme-rule.ts); one publisher per site is publisher-seat.ts; transports are
 * peer-transports.ts and the link caps link-caps.ts. The chair's media controls (who may share a
 * screen, who is muted) come from the meeting service and are enforced here.
 *
 * The programme is enforced here, not by the clients: a connection may hold consumers of any other site,
 * but the room keeps a consumer paused unless the rule lets it flow. A floor switch is then only
 * pause/resume of existing consumers (mediasoup asks the new source for a key frame on resume) — no
 * signalling round trip for connections that keep standby consumers — and for the next speakers in the
 * queue, whose video already flows at its lowest layer, only a layer change: the picture is there at once.
 */
export class Room {
  /** Connections by socket id. */
  readonly peers = new Map<string, Peer>();
  /** Each site's publisher connection. */
  private readonly publishers = new Map<string, Peer>();
  /** How many connections each site has. */
  private readonly siteConnections = new Map<string, number>();
  /** Sites connected to other gateways of the conference (cluster/): a publisher without transports whose producers are piped here. */
  private readonly remoteSites = new Map<string, Peer>();
  private readonly routers: RoomRouters;
  private floor: string | null;
  private mainSite: string | null = null;
  /** The next speakers kept warm (their video flows at its lowest layer to every site). */
  private warm: string[] = [];
  private controls: MediaControlsView = NO_MEDIA_CONTROLS;
  /** The shared screen (at most one per conference) and the connection that sends it. */
  private screen: { peer: Peer; producer: Producer; share: ScreenShare } | null = null;
  private seq = 0;
  private programmeScheduled = false;
  /** While tearing down, per-object notifications (ProducerClosed …) would only be noise. */
  private quiet = false;
  /** The last dominant speaker: told to a connection when it is ready, as it may not change for a while. */
  private speaker: ActiveSpeakerEvent | null = null;
  private rebuilding: Promise<void> | null = null;
  /** Each producer's consumers here, for its send layer (send-layers.ts). */
  private readonly consumersOf = new Map<string, Set<PeerConsumer>>();
  /** Our cameras piped to other gateways: the layer each of those gateways asked for, by producer id. */
  private readonly pipedDemand = new Map<string, Map<string, number>>();
  private readonly sendLayers: SendLayerTracker;
  /** The sites on the programme when it was last sent: their cameras' send layers change when they go off air. */
  private onAirSent: string[] = [];
  private readonly log: Logger;
  closed = false;

  private constructor(
    readonly conferenceId: string,
    floorSiteId: string | null,
    private readonly deps: RoomDeps,
  ) {
    this.floor = floorSiteId;
    this.log = new Logger(`Room ${conferenceId.slice(0, 8)}`);
    this.routers = new RoomRouters(conferenceId, {
      maxPeersPerRouter: deps.config.maxPeersPerRouter,
      placeRouter: deps.placeRouter,
      onDominantSpeaker: (home) => {
        if (this.quiet) return;
        this.speaker = { conferenceId: this.conferenceId, siteId: home.siteId, producerId: home.producer.id };
        this.deps.channel.toConference(this.conferenceId, MediaServerEvent.ActiveSpeaker, this.speaker);
      },
    }, this.log);
    this.sendLayers = new SendLayerTracker((id) => this.decideSendLayer(id), (id, layer) => this.tellSendLayer(id, layer), deps.config.sendLayersHoldMs);
  }

  static async open(conferenceId: string, floorSiteId: string | null, deps: RoomDeps): Promise<Room> {
    const room = new Room(conferenceId, floorSiteId, deps);
    await room.routers.openPrimary();
    return room;
  }

  get mainSiteId(): string | null {
    return this.mainSite;
  }

  get floorSiteId(): string | null {
    return this.floor;
  }

  /** The first router: the active speaker observer and the recorder live here. */
  get primary(): RouterSlot {
    return this.routers.primary;
  }

  get routerCount(): number {
    return this.routers.count;
  }

  /** Sites with at least one connection, here or on another gateway of the conference. */
  get siteCount(): number {
    return this.siteConnections.size + this.remoteSites.size;
  }

  /** Sites with a connection to this gateway. */
  get localSiteCount(): number {
    return this.siteConnections.size;
  }

  workerIndexes(): Set<number> {
    return this.routers.workerIndexes();
  }

  /** Resolves once a rebuild after a worker death has finished. */
  async settled(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  // ── connections ────────────────────────────────────────────────────────────────────────────────

  /**
   * Adds a connection of the token's site, as a viewer or as the site's publisher (publisher-seat.ts).
   * A second publisher is refused with CAMERA_HELD naming the holder; a takeover returns the previous
   * publisher, now a viewer. Joining again on the same socket starts that connection afresh.
   */
  async addPeer(claims: MediaJoinClaims, socketId: string, wish: SeatWish): Promise<{ peer: Peer; displaced: Peer | null }> {
    await this.settled();
    this.assertOpen();
    this.decideSeat(claims, socketId, wish); // refuse before placing anything (or dropping this socket's seat)
    const again = this.peers.get(socketId);
    if (again) this.removePeer(again);
    const slot = await this.routers.slotForNewPeer();
    this.assertOpen();
    const raced = this.peers.get(socketId);
    if (raced) this.removePeer(raced);
    let decision;
    try {
      decision = this.decideSeat(claims, socketId, wish); // another connection may have taken the camera meanwhile
    } catch (error) {
      this.routers.releaseIfEmpty(slot);
      throw error;
    }
    const peer = new Peer(claims.sid, claims.uid, claims.name || claims.uid, claims.main, socketId, slot);
    this.dropRemoteSite(peer.siteId); // it moved here (its old gateway died): local from now on
    slot.peers.add(peer.id);
    this.peers.set(peer.id, peer);
    this.siteConnections.set(peer.siteId, (this.siteConnections.get(peer.siteId) ?? 0) + 1);
    let displaced: Peer | null = null;
    if (decision.outcome === 'publisher') {
      displaced = decision.displaces ? this.peers.get(decision.displaces) ?? null : null;
      if (displaced) this.demote(displaced);
      peer.role = 'publisher';
      peer.publishingSince = new Date();
      this.publishers.set(peer.siteId, peer);
      this.announcePublisher(peer.siteId);
    }
    if (peer.isMain && this.mainSite !== peer.siteId) {
      this.mainSite = peer.siteId;
      this.scheduleProgramme();
    }
    this.deps.onSourcesChanged(this);
    return { peer, displaced };
  }

  removePeer(peer: Peer): void {
    if (this.peers.get(peer.id) !== peer) return;
    this.peers.delete(peer.id);
    peer.slot.peers.delete(peer.id);
    peer.closeMedia();
    const left = (this.siteConnections.get(peer.siteId) ?? 1) - 1;
    if (left > 0) this.siteConnections.set(peer.siteId, left);
    else this.siteConnections.delete(peer.siteId);
    if (this.publishers.get(peer.siteId) === peer) {
      this.publishers.delete(peer.siteId);
      if (!this.quiet) this.announcePublisher(peer.siteId);
    }
    if (this.mainSite === peer.siteId && left === 0) {
      this.mainSite = null;
      this.scheduleProgramme();
    }
    if (!this.quiet) this.routers.releaseIfEmpty(peer.slot);
    this.deps.onSourcesChanged(this);
  }

  /** The connection that publishes a site, if any. */
  publisherOf(siteId: string): Peer | undefined {
    return this.publishers.get(siteId);
  }

  /** Ready: the connection's device capabilities are known; it hears about producers from now on. */
  setReady(peer: Peer, rtpCapabilities: RtpCapabilities): MediaReadyResult {
    if (!rtpCapabilities || typeof rtpCapabilities !== 'object' || !Array.isArray(rtpCapabilities.codecs)) {
      throw invalid('VALIDATION_FAILED', 'must be the device\'s RTP capabilities (with codecs)', 'rtpCapabilities');
    }
    peer.rtpCapabilities = rtpCapabilities;
    peer.announced.clear(); // a Ready (again, after a re-join) starts the connection's announcements afresh
    const producers: ProducerInfo[] = [];
    for (const home of this.routers.allHomes()) {
      if (this.announcedTo(peer, home.siteId, sourceOf(home.producer))) {
        producers.push(producerInfo(home.siteId, home.producer));
        peer.announced.add(home.producer.id);
      }
    }
    if (this.speaker) this.deps.channel.toSocket(peer.socketId, MediaServerEvent.ActiveSpeaker, this.speaker);
    return { programme: this.programme(), producers };
  }

  routerRtpCapabilities(peer: Peer): RtpCapabilities {
    return peer.slot.router.rtpCapabilities;
  }

  // ── transports ─────────────────────────────────────────────────────────────────────────────────

  /** One transport per direction: a new one replaces the old (its producers or consumers close with it). */
  createTransport(peer: Peer, direction: TransportDirection, type: 'webrtc' | 'plain'): Promise<TransportOptions> {
    return openTransport(peer, direction, type, { config: this.deps.config, log: this.log, owns: (p) => this.owns(p) });
  }

  connectTransport(peer: Peer, request: ConnectTransportRequest): Promise<void> {
    return connectTransport(peer, request, this.deps.config);
  }

  restartIce(peer: Peer, transportId: string): Promise<mediasoup.types.IceParameters> {
    return restartIce(peer, transportId);
  }

  // ── producing ──────────────────────────────────────────────────────────────────────────────────

  /**
   * `rtpParameters` as the site sent them: checked against the router before anything of them can reach
   * another site or ffmpeg. A camera or microphone needs the site's publisher connection; a screen
   * (video) any connection of a site that may share, while no other screen is shared.
   */
  async produce(peer: Peer, transportId: string, kind: MediaKind, sent: unknown, source: ProducerSource = 'camera'): Promise<Producer> {
    if (source === 'screen') {
      if (kind !== 'video') throw invalid('VALIDATION_FAILED', "must be 'video' for a shared screen", 'kind');
      this.assertMayShare(peer);
    } else {
      this.assertPublisher(peer);
    }
    const entry = transportOf(peer, transportId);
    if (entry.direction !== 'send') throw conflict('NOT_A_SEND_TRANSPORT', 'Produce on the send transport.');
    if (!entry.connected) throw conflict('TRANSPORT_NOT_CONNECTED', 'Connect the send transport before producing.');
    if (source === 'camera' && peer.producerOfKind(kind)) throw conflict('ALREADY_PRODUCING', `This site already sends ${kind}; close that producer first.`);
    const rtpParameters = checkProducerRtpParameters(kind, sent, entry.slot.router.rtpCapabilities);
    // A muted site's microphone starts paused (it may join, or rejoin, while the chair's mute holds).
    const paused = source === 'camera' && kind === 'audio' && this.chairMuted(peer.siteId);
    const producer = await entry.transport.produce({ kind, rtpParameters, paused, appData: { siteId: peer.siteId, source } });
    if (source === 'screen') return this.startScreen(peer, producer, entry.slot);
    if (!this.owns(peer) || peer.role !== 'publisher' || peer.producerOfKind(kind)) {
      producer.close();
      if (this.owns(peer) && peer.role !== 'publisher') throw conflict('CAMERA_TAKEN', 'Another connection of this site took over the camera meanwhile.');
      throw conflict('ALREADY_PRODUCING', `This site already sends ${kind}, or this connection left meanwhile.`);
    }
    peer.producers.set(producer.id, producer);
    this.routers.addProducer(producer, peer.siteId, entry.slot);
    producer.observer.once('close', () => this.onProducerClosed(peer, producer));
    this.announce(peer, producer);
    this.sendLayers.mark(producer.id); // its encoder starts with every layer: say which are watched
    this.deps.onSourcesChanged(this);
    return producer;
  }

  producerOf(peer: Peer, producerId: string): Producer {
    const producer = peer.producers.get(String(producerId));
    if (!producer) throw notFound('UNKNOWN_PRODUCER', 'This connection has no such producer.');
    return producer;
  }

  /** The site pauses (mutes) or resumes its own producer; while the chair's mute holds, its microphone stays paused. */
  async setProducerPaused(peer: Peer, producerId: string, paused: boolean): Promise<void> {
    const producer = this.producerOf(peer, producerId);
    if (!paused && this.mutedByChair(peer, producer)) {
      throw forbidden('MUTED_BY_CHAIR', 'The chair has muted this site\'s microphone; only the chair can unmute it.');
    }
    if (paused) peer.selfPaused.add(producer.id);
    else peer.selfPaused.delete(producer.id);
    await this.applyPause(peer, producer);
  }

  // ── consuming ──────────────────────────────────────────────────────────────────────────────────

  async consume(viewer: Peer, transportId: string, producerId: string): Promise<ConsumerOptions> {
    if (!viewer.rtpCapabilities) throw conflict('NOT_READY', `Send ${MediaClientEvent.Ready} with the device's RTP capabilities before consuming.`);
    const entry = transportOf(viewer, transportId);
    if (entry.direction !== 'recv') throw conflict('NOT_A_RECV_TRANSPORT', 'Consume on the receive transport.');
    const home = this.routers.home(String(producerId));
    if (!home) throw notFound('UNKNOWN_PRODUCER', 'No such producer in this conference (it may have just closed).');
    if (!mayConsume(viewer, home.siteId)) throw invalid('OWN_PRODUCER', 'A site does not consume its own media.');
    if (viewer.consumerOfProducer(home.producer.id)) throw conflict('ALREADY_CONSUMING', 'This connection already consumes that producer.');
    await this.routers.ensureProducerOn(entry.slot, home.producer.id);
    const rtpCapabilities = viewer.rtpCapabilities;
    if (!entry.slot.router.canConsume({ producerId: home.producer.id, rtpCapabilities })) {
      throw invalid('CANNOT_CONSUME', `This device cannot decode ${home.producer.rtpParameters.codecs[0]?.mimeType ?? 'that codec'}.`);
    }
    const layered = home.producer.type === 'simulcast' || home.producer.type === 'svc';
    const consumer = await entry.transport.consume({
      producerId: home.producer.id,
      rtpCapabilities,
      // Paused until the client has its side and the programme lets it flow (avoids losing the first key frame).
      paused: true,
      preferredLayers: layered ? { spatialLayer: effectiveSpatialLayer(null, viewer.link) } : undefined,
      appData: { siteId: home.siteId },
    });
    if (!this.owns(viewer) || viewer.consumerOfProducer(home.producer.id)) {
      consumer.close();
      throw conflict('ALREADY_CONSUMING', 'This connection already consumes that producer, or it left meanwhile.');
    }
    try {
      assertSdpSafe(consumer.rtpParameters); // the viewer's browser writes these into its SDP
    } catch (error) {
      consumer.close();
      this.log.error(`site ${home.siteId}'s producer ${home.producer.id}: ${(error as Error).message}`);
      throw invalid('RTP_PARAMETERS_REJECTED', 'The source site\'s codec parameters cannot be passed on.');
    }
    const pc: PeerConsumer = {
      consumer, sourceSiteId: home.siteId, source: sourceOf(home.producer), wanted: false, flowing: false, standby: false,
      requestedSpatialLayer: null, requestedTemporalLayer: null,
    };
    viewer.consumers.set(consumer.id, pc);
    const ofProducer = this.consumersOf.get(consumer.producerId) ?? new Set<PeerConsumer>();
    ofProducer.add(pc);
    this.consumersOf.set(consumer.producerId, ofProducer);
    consumer.observer.once('close', () => {
      viewer.consumers.delete(consumer.id);
      ofProducer.delete(pc);
      if (!ofProducer.size && this.consumersOf.get(consumer.producerId) === ofProducer) this.consumersOf.delete(consumer.producerId);
      if (pc.flowing) this.sendLayers.mark(consumer.producerId);
    });
    return {
      id: consumer.id,
      producerId: home.producer.id,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      type: consumer.type,
      appData: { siteId: home.siteId },
      siteId: home.siteId,
    };
  }

  consumerOf(viewer: Peer, consumerId: string): PeerConsumer {
    const entry = viewer.consumers.get(String(consumerId));
    if (!entry) throw notFound('UNKNOWN_CONSUMER', 'This connection has no such consumer (its producer may have closed).');
    return entry;
  }

  /** The client's wish (ResumeConsumer / PauseConsumer); the programme and the link decide the rest. */
  async setWanted(viewer: Peer, consumerId: string, wanted: boolean): Promise<boolean> {
    const entry = this.consumerOf(viewer, consumerId);
    entry.wanted = wanted;
    return this.follow(viewer, entry);
  }

  async setPreferredLayers(viewer: Peer, consumerId: string, spatialLayer: number, temporalLayer: number | null): Promise<void> {
    const entry = this.consumerOf(viewer, consumerId);
    requestLayers(entry, spatialLayer, temporalLayer);
    await this.applyLayers(viewer, entry);
  }

  /** The quality monitor's decision for a site's downlink: cap layers, or audio only. */
  async applyLink(viewer: Peer, link: LinkState): Promise<void> {
    viewer.link = link;
    const work: Promise<unknown>[] = [];
    for (const entry of viewer.consumers.values()) {
      if (entry.consumer.kind !== 'video') continue;
      work.push(this.gate(viewer, entry), this.applyLayers(viewer, entry));
    }
    await Promise.allSettled(work);
  }

  // ── the programme ──────────────────────────────────────────────────────────────────────────────

  /** Floor granted (site id) or ended (null): re-gate only the consumers of the old and new holder. */
  async setFloor(siteId: string | null): Promise<void> {
    if (this.floor === siteId) return;
    const previous = this.floor;
    this.floor = siteId;
    this.emitProgramme();
    this.sendLayers.flush(); // the new holder's encoder starts its full layers while the consumers are regated
    this.stopScreenIfNoLongerAllowed();
    await this.regate(sitesAffectedByFloorChange(previous, siteId));
  }

  /**
   * The next speakers in the floor queue (the first MEDIA_WARM_SPEAKERS are kept warm): their video flows
   * to every site at its lowest layer, and the Programme names them; a large conference announces their
   * producers now, so that the sites' consumers exist before the grant.
   */
  async setWarm(next: string[]): Promise<void> {
    const warm = next.slice(0, this.deps.config.warmSpeakers);
    if (warm.join() === this.warm.join()) return;
    const affected = sitesAffectedByWarmChange(this.warm, warm);
    this.warm = warm;
    for (const siteId of affected) this.markSendLayers(siteId);
    for (const siteId of warm) {
      const publisher = this.publishers.get(siteId);
      if (!publisher || this.onAir(siteId)) continue;
      for (const viewer of this.peers.values()) {
        for (const producer of publisher.producers.values()) {
          if (this.announcedTo(viewer, siteId, sourceOf(producer))) this.tellOnce(viewer, siteId, producer);
        }
      }
    }
    this.emitProgramme(); // the sites attach the warm speakers' video, ready to show
    await this.regate(affected);
  }

  /**
   * The chair's media controls changed (or were read when the room opened): muted sites' microphones
   * pause, unmuted ones resume unless the site paused them itself; a floor holder's share stops once
   * no longer allowed.
   */
  async setControls(controls: MediaControlsView): Promise<void> {
    this.controls = controls;
    this.stopScreenIfNoLongerAllowed();
    const work: Promise<void>[] = [];
    for (const publisher of this.publishers.values()) {
      const mic = publisher.producerOfKind('audio');
      if (mic) work.push(this.applyPause(publisher, mic));
    }
    await Promise.allSettled(work);
  }

  get mediaControls(): MediaControlsView {
    return this.controls;
  }

  programme(): ProgrammeEvent {
    const producers: ProducerInfo[] = [];
    for (const siteId of programmeSites(this.programmeState())) {
      const publisher = this.publishers.get(siteId);
      if (!publisher) continue;
      for (const producer of cameraProducers(publisher)) producers.push(producerInfo(siteId, producer));
    }
    if (this.screen) producers.push(producerInfo(this.screen.peer.siteId, this.screen.producer));
    return {
      conferenceId: this.conferenceId, mainSiteId: this.mainSite, floorSiteId: this.floor, producers, screen: this.screen?.share ?? null,
      warmSiteIds: this.warm.filter((siteId) => !this.onAir(siteId)), seq: this.seq, at: new Date().toISOString(),
    };
  }

  programmeSources(): ProgrammeSources {
    const main = this.mainSite ? this.publishers.get(this.mainSite) : undefined;
    const floor = this.floor && this.floor !== this.mainSite ? this.publishers.get(this.floor) : undefined;
    return {
      mainVideo: main?.producerOfKind('video') ?? null,
      mainAudio: main?.producerOfKind('audio') ?? null,
      floorAudio: floor?.producerOfKind('audio') ?? null,
      screen: this.screen?.producer ?? null,
    };
  }

  /** Makes a producer available on a slot's router (the recorder consumes on the primary). */
  ensureProducerOn(slot: RouterSlot, producerId: string): Promise<void> {
    return this.routers.ensureProducerOn(slot, producerId);
  }

  async getStats(peer: Peer, id: string): Promise<Array<Record<string, unknown>>> {
    const object = peer.transports.get(id)?.transport ?? peer.producers.get(id) ?? peer.consumers.get(id)?.consumer;
    if (!object) throw notFound('UNKNOWN_ID', 'No transport, producer or consumer of this connection has that id.');
    return (await object.getStats()) as unknown as Array<Record<string, unknown>>;
  }

  // ── worker death and closing ───────────────────────────────────────────────────────────────────

  /**
   * The worker under (one of) our routers died: every transport of the conference is gone or useless
   * (producers on the dead router fed all slots). Start over on live workers; the sites stay in the
   * room and re-join on their sockets when told (WorkerRestarted).
   */
  rebuild(reason: string): Promise<void> {
    const run = async () => {
      this.quiet = true;
      try {
        for (const peer of this.peers.values()) {
          peer.closeMedia();
          peer.slot.peers.delete(peer.id);
        }
        this.routers.closeAll();
        await this.routers.openPrimary();
        if (this.closed) {
          // The last connection left while we were waiting for a worker.
          this.routers.closeAll();
          return;
        }
        for (const peer of this.peers.values()) {
          peer.slot = await this.routers.slotForNewPeer();
          peer.slot.peers.add(peer.id);
        }
      } finally {
        this.quiet = this.closed;
      }
      if (this.closed) return;
      this.deps.channel.toConference(this.conferenceId, MediaServerEvent.WorkerRestarted, { conferenceId: this.conferenceId, reason });
      this.emitProgramme();
    };
    const rebuilding = run().finally(() => {
      if (this.rebuilding === rebuilding) this.rebuilding = null;
    });
    this.rebuilding = rebuilding;
    return rebuilding;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.quiet = true;
    for (const peer of this.peers.values()) peer.closeMedia();
    this.screen = null;
    this.peers.clear();
    this.publishers.clear();
    this.siteConnections.clear();
    this.remoteSites.clear();
    this.routers.closeAll();
  }

  // ── sites on other gateways (cluster/) ─────────────────────────────────────────────────────────

  /**
   * This gateway's own sites with their cameras and microphones, and the screen one of them shares: what
   * the other gateways of the conference are told (they pipe the screen for all their sites).
   */
  localSites(): LocalSite[] {
    const sites = new Map<string, LocalSite>();
    for (const peer of this.peers.values()) {
      const site = sites.get(peer.siteId) ?? { siteId: peer.siteId, isMain: peer.isMain, producers: [] };
      site.producers.push(...cameraProducers(peer));
      sites.set(peer.siteId, site);
    }
    const screen = this.screen;
    const sharing = screen && !this.remoteSites.has(screen.peer.siteId) ? sites.get(screen.peer.siteId) : undefined;
    if (screen && sharing) {
      sharing.producers.push(screen.producer);
      sharing.share = screen.share;
    }
    return [...sites.values()];
  }

  /**
   * Whether a screen another gateway's site shares should be piped here: not while a share of this
   * gateway's that began first runs (the other gateway drops its own for ours, see `firstShare`).
   */
  acceptsRemoteScreen(share: ScreenShare): boolean {
    const current = this.screen?.share;
    return !current || current.producerId === share.producerId || firstShare(current, share) === share;
  }

  /**
   * The sites other gateways serve: they count as sites (the warm standby limit), one may be the main
   * site, and their producers, once piped here (addRemoteProducer), are announced and gated like local ones.
   */
  setRemoteSites(sites: ReadonlyArray<{ siteId: string; isMain: boolean }>): void {
    const next = new Map(sites.filter((s) => !this.siteConnections.has(s.siteId)).map((s) => [s.siteId, s]));
    for (const [siteId, peer] of this.remoteSites) if (next.get(siteId)?.isMain !== peer.isMain) this.dropRemoteSite(siteId);
    for (const [siteId, site] of next) {
      if (this.remoteSites.has(siteId)) continue;
      const peer = new Peer(siteId, '', '', site.isMain, `remote:${siteId}`, this.primary);
      peer.role = 'publisher';
      this.remoteSites.set(siteId, peer);
      this.publishers.set(siteId, peer);
      if (site.isMain && this.mainSite !== siteId) {
        this.mainSite = siteId;
        this.scheduleProgramme();
      }
    }
  }

  /**
   * A producer of a remote site, piped to the primary router; false (and closed) if the site is no longer
   * remote, or if it is a screen that lost to one shared here first. A remote screen that began first
   * replaces a share of this gateway's (two shares begun at once on two gateways: one stays everywhere).
   */
  addRemoteProducer(siteId: string, producer: Producer, share?: { userName: string; since: string }): boolean {
    const peer = this.remoteSites.get(siteId);
    const screen: ScreenShare | null = sourceOf(producer) === 'screen'
      ? { siteId, producerId: producer.id, userName: share?.userName ?? '', since: share?.since ?? new Date().toISOString() }
      : null;
    if (!peer || this.closed || producer.closed || (screen && !this.acceptsRemoteScreen(screen))) {
      producer.close();
      return false;
    }
    if (screen) {
      const replaced = this.screen;
      this.screen = { peer, producer, share: screen };
      if (replaced && replaced.producer !== producer) {
        this.log.log(`site ${replaced.share.siteId}'s screen share stopped: site ${siteId} on another gateway began sharing first`);
        replaced.producer.close(); // ProducerClosed to everyone here
      }
    }
    peer.producers.set(producer.id, producer);
    this.routers.addProducer(producer, siteId, this.primary);
    producer.observer.once('close', () => this.onProducerClosed(peer, producer));
    this.announce(peer, producer);
    this.sendLayers.mark(producer.id); // its origin sends every layer until told what this gateway's sites want
    return true;
  }

  /**
   * What another gateway that pipes one of our cameras wants of it (the top layer until it says; null: it
   * stopped piping it): its sites count like ours in the camera's send layer.
   */
  setPipedDemand(gatewayId: string, producerId: string, layer: number | null): void {
    const demand = this.pipedDemand.get(producerId) ?? new Map<string, number>();
    if (layer === null) demand.delete(gatewayId);
    else demand.set(gatewayId, Math.min(Math.max(0, Math.trunc(layer)), MAX_SPATIAL_LAYER));
    if (demand.size) this.pipedDemand.set(producerId, demand);
    else this.pipedDemand.delete(producerId);
    this.sendLayers.mark(producerId);
  }

  private dropRemoteSite(siteId: string): void {
    const peer = this.remoteSites.get(siteId);
    if (!peer) return;
    this.remoteSites.delete(siteId);
    if (this.publishers.get(siteId) === peer) this.publishers.delete(siteId);
    for (const producer of [...peer.producers.values()]) producer.close(); // ProducerClosed to every connection
    if (this.mainSite === siteId) {
      this.mainSite = null;
      this.scheduleProgramme();
    }
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────

  private owns(peer: Peer): boolean {
    return this.peers.get(peer.id) === peer && !this.closed;
  }

  private assertOpen(): void {
    if (this.closed) throw conflict('ROOM_CLOSED', 'This conference\'s room just closed; join again.');
  }

  /** Who gets the camera (publisher-seat.ts); a refusal names the holder and says since when. */
  private decideSeat(claims: MediaJoinClaims, socketId: string, wish: SeatWish) {
    const holder = this.publishers.get(claims.sid);
    const decision = decideSeat(holder ? { connectionId: holder.id, userId: holder.userId } : null, {
      connectionId: socketId, userId: claims.uid, role: wish.role, takeOver: wish.takeOver,
    });
    if (decision.outcome === 'refused' && holder?.publisher) {
      const current: SitePublisher = holder.publisher;
      throw stale('CAMERA_HELD', `${current.userName} has sent this site's camera and microphone since ${current.since}; join as a viewer, or take over.`, current);
    }
    return decision;
  }

  private assertPublisher(peer: Peer): void {
    if (peer.role === 'publisher') return;
    throw forbidden('NOT_PUBLISHER', 'This connection only receives; join as the site\'s publisher (or take over) to send.');
  }

  /** The programme rule's decideShare: 403 for a site that may not share, 409 naming who shares now. */
  private assertMayShare(peer: Peer): void {
    const decision = decideShare(this.programmeState(), peer.siteId, this.screen?.share ?? null, this.controls.floorShareAllowed);
    if (decision === 'not-allowed') {
      throw forbidden('SHARE_NOT_ALLOWED', 'Only the main hall, and the site that has the floor while the chair allows it, can share a screen.');
    }
    if (decision === 'busy' && this.screen) {
      const { share } = this.screen;
      throw stale('SCREEN_SHARED', `${share.userName} has shared a screen since ${share.since}; one screen at a time: it must stop first.`, share);
    }
  }

  /** A screen producer is made: it becomes the conference's shared screen, unless something changed while it was made. */
  private startScreen(peer: Peer, producer: Producer, slot: RouterSlot): Producer {
    try {
      if (!this.owns(peer)) throw conflict('NOT_JOINED', 'This connection left the conference or joined it again meanwhile.');
      this.assertMayShare(peer); // another share may have started, or the floor moved, meanwhile
    } catch (error) {
      producer.close();
      throw error;
    }
    peer.producers.set(producer.id, producer);
    this.routers.addProducer(producer, peer.siteId, slot);
    this.screen = { peer, producer, share: { siteId: peer.siteId, producerId: producer.id, userName: peer.userName, since: new Date().toISOString() } };
    producer.observer.once('close', () => this.onProducerClosed(peer, producer));
    this.announce(peer, producer);
    this.deps.onSourcesChanged(this); // the other gateways of the conference pipe it
    return producer;
  }

  /** Stops a share of this gateway's site; a remote site's share is stopped by its own gateway, which sees the same programme. */
  private stopScreenIfNoLongerAllowed(): void {
    if (this.screen && !this.remoteSites.has(this.screen.peer.siteId) && shareMustStop(this.programmeState(), this.screen.peer.siteId, this.controls.floorShareAllowed)) {
      this.log.log(`site ${this.screen.peer.siteId}'s screen share stopped: it may no longer share`);
      this.screen.producer.close(); // ProducerClosed to everyone, a new Programme
    }
  }

  private chairMuted(siteId: string): boolean {
    return this.controls.mutedSiteIds.includes(siteId);
  }

  /** The chair's mute holds a site's microphone (not its camera, not a shared screen). */
  private mutedByChair(peer: Peer, producer: Producer): boolean {
    return producer.kind === 'audio' && sourceOf(producer) === 'camera' && this.chairMuted(peer.siteId);
  }

  /** Pauses or resumes a producer as the site's own wish and the chair's mute say. */
  private async applyPause(peer: Peer, producer: Producer): Promise<void> {
    const paused = micPaused({ selfPaused: peer.selfPaused.has(producer.id), chairMuted: this.mutedByChair(peer, producer) });
    if (producer.closed || producer.paused === paused) return;
    try {
      await (paused ? producer.pause() : producer.resume());
    } catch (error) {
      if (!producer.closed) this.log.warn(`${paused ? 'pausing' : 'resuming'} producer ${producer.id}: ${(error as Error).message}`);
    }
  }

  /** A takeover: the previous publisher loses its producers (and send transports) and stays as a viewer. */
  private demote(peer: Peer): void {
    peer.role = 'viewer';
    peer.publishingSince = null;
    if (this.publishers.get(peer.siteId) === peer) this.publishers.delete(peer.siteId);
    for (const [id, entry] of peer.transports) {
      if (entry.direction !== 'send') continue;
      entry.transport.close(); // closes its producers: ProducerClosed to everyone, the programme changes
      peer.transports.delete(id);
    }
  }

  private announcePublisher(siteId: string): void {
    const publisher = this.publishers.get(siteId)?.publisher ?? null;
    for (const peer of this.peers.values()) {
      if (peer.siteId === siteId) this.deps.channel.toSocket(peer.socketId, MediaServerEvent.Publisher, { conferenceId: this.conferenceId, siteId, publisher });
    }
  }

  private programmeState() {
    return { mainSiteId: this.mainSite, floorSiteId: this.floor, warmSiteIds: this.warm };
  }

  private onAir(siteId: string): boolean {
    return onAir(this.programmeState(), siteId);
  }

  private announcedTo(viewer: Peer, sourceSiteId: string, source: ProducerSource): boolean {
    return isAnnounced(this.programmeState(), viewer, sourceSiteId, { count: this.siteCount, standbyMax: this.deps.config.standbyMaxSites }, source);
  }

  /** Layers, then pause or resume, of the consumers of `sites`, after the programme changed. */
  private async regate(sites: Set<string>): Promise<void> {
    if (!sites.size) return;
    const work: Promise<boolean>[] = [];
    for (const viewer of this.peers.values()) {
      for (const entry of viewer.consumers.values()) if (sites.has(entry.sourceSiteId)) work.push(this.follow(viewer, entry));
    }
    await Promise.allSettled(work);
  }

  /** A consumer to match the programme: its layers first (a warm standby resumes at the lowest), then pause or resume. */
  private async follow(viewer: Peer, entry: PeerConsumer): Promise<boolean> {
    try {
      await this.applyLayers(viewer, entry);
    } catch (error) {
      if (!entry.consumer.closed) this.log.warn(`layers of consumer ${entry.consumer.id}: ${(error as Error).message}`);
    }
    return this.gate(viewer, entry);
  }

  /** Pause or resume one consumer to match the programme; returns whether it flows. */
  private async gate(viewer: Peer, entry: PeerConsumer): Promise<boolean> {
    const flow = shouldFlow(this.programmeState(), viewer, { siteId: entry.sourceSiteId, kind: entry.consumer.kind, source: entry.source }, {
      wanted: entry.wanted, audioOnly: viewer.link.audioOnly,
    });
    if (flow === entry.flowing || entry.consumer.closed) return flow;
    entry.flowing = flow;
    this.sendLayers.mark(entry.consumer.producerId);
    try {
      await (flow ? entry.consumer.resume() : entry.consumer.pause());
    } catch (error) {
      if (!entry.consumer.closed) this.log.warn(`gating consumer ${entry.consumer.id}: ${(error as Error).message}`);
    }
    return flow;
  }

  private async applyLayers(viewer: Peer, entry: PeerConsumer): Promise<void> {
    const standby = isStandbyLayer(this.programmeState(), { siteId: entry.sourceSiteId, kind: entry.consumer.kind, source: entry.source });
    await applyLayers(viewer, entry, standby);
    if (entry.flowing) this.sendLayers.mark(entry.consumer.producerId);
  }

  /** A camera's send layer now (send-layers.ts), or null for anything else (a microphone, a screen, a single-layer camera, gone). */
  private decideSendLayer(producerId: string): number | null {
    const home = this.routers.home(producerId);
    const producer = home?.producer;
    if (!home || !producer || producer.closed || producer.kind !== 'video' || producer.type !== 'simulcast' || sourceOf(producer) !== 'camera') return null;
    const flowing: number[] = [];
    for (const entry of this.consumersOf.get(producerId) ?? []) {
      if (entry.flowing && !entry.consumer.closed) flowing.push(entry.consumer.preferredLayers?.spatialLayer ?? MAX_SPATIAL_LAYER);
    }
    return sendLayer({
      onAir: this.onAir(home.siteId), warm: isWarm(this.programmeState(), home.siteId), flowing, piped: this.pipedDemand.get(producerId)?.values() ?? [],
    });
  }

  private markSendLayers(siteId: string): void {
    for (const producer of this.publishers.get(siteId)?.producers.values() ?? []) this.sendLayers.mark(producer.id);
  }

  /** To the site's publisher; for a camera piped here, to the gateway it comes from (which adds its own sites' demand). */
  private tellSendLayer(producerId: string, layer: number): void {
    const home = this.routers.home(producerId);
    if (!home) return;
    if (this.remoteSites.has(home.siteId)) {
      this.deps.onPipedDemand?.(this, producerId, layer);
      return;
    }
    const publisher = this.publishers.get(home.siteId);
    if (publisher?.producers.has(producerId)) {
      this.deps.channel.toSocket(publisher.socketId, MediaServerEvent.SendLayers, { producerId, maxSpatialLayer: layer });
    }
  }

  private announce(source: Peer, producer: Producer): void {
    for (const viewer of this.peers.values()) {
      if (this.announcedTo(viewer, source.siteId, sourceOf(producer))) this.tellOnce(viewer, source.siteId, producer);
    }
    if (this.onAir(source.siteId) || sourceOf(producer) === 'screen') this.scheduleProgramme();
  }

  /** NewProducer to a ready connection that has not been told of this producer yet (each producer once per Ready). */
  private tellOnce(viewer: Peer, siteId: string, producer: Producer): void {
    if (!viewer.ready || viewer.announced.has(producer.id) || producer.closed) return;
    viewer.announced.add(producer.id);
    this.deps.channel.toSocket(viewer.socketId, MediaServerEvent.NewProducer, producerInfo(siteId, producer));
  }

  private onProducerClosed(peer: Peer, producer: Producer): void {
    peer.producers.delete(producer.id);
    this.sendLayers.forget(producer.id);
    this.pipedDemand.delete(producer.id);
    peer.selfPaused.delete(producer.id);
    this.routers.removeProducer(producer);
    for (const viewer of this.peers.values()) viewer.announced.delete(producer.id);
    const wasScreen = this.screen?.producer === producer;
    if (wasScreen) this.screen = null;
    if (!this.remoteSites.has(peer.siteId)) this.deps.onSourcesChanged(this);
    if (this.quiet) return;
    this.deps.channel.toConference(this.conferenceId, MediaServerEvent.ProducerClosed, { producerId: producer.id, siteId: peer.siteId });
    if (this.onAir(peer.siteId) || wasScreen) this.scheduleProgramme();
  }

  /** Coalesces bursts (a site's audio and video arriving together) into one Programme event. */
  private scheduleProgramme(): void {
    if (this.programmeScheduled) return;
    this.programmeScheduled = true;
    setImmediate(() => {
      this.programmeScheduled = false;
      if (!this.closed && !this.quiet) this.emitProgramme();
    });
  }

  private emitProgramme(): void {
    this.seq++;
    // Cameras that came on air or went off it: their send layers change (the top, or what is watched).
    const onAirNow = programmeSites(this.programmeState());
    for (const siteId of new Set([...onAirNow, ...this.onAirSent])) this.markSendLayers(siteId);
    this.onAirSent = onAirNow;
    // A large conference announces only the programme's producers: the sites that just came on air (and
    // the shared screen) are announced (once) before the Programme that lists them.
    for (const siteId of programmeSites(this.programmeState())) {
      const publisher = this.publishers.get(siteId);
      if (!publisher) continue;
      for (const viewer of this.peers.values()) {
        if (!mayConsume(viewer, siteId)) continue;
        for (const producer of cameraProducers(publisher)) this.tellOnce(viewer, siteId, producer);
      }
    }
    const screen = this.screen;
    if (screen) for (const viewer of this.peers.values()) if (mayConsume(viewer, screen.peer.siteId)) this.tellOnce(viewer, screen.peer.siteId, screen.producer);
    this.deps.channel.toConference(this.conferenceId, MediaServerEvent.Programme, this.programme());
    this.deps.onProgrammeChanged(this);
  }
}

/** One of this gateway's sites as the cluster's room state tells the others (cluster.service.ts). */
export interface LocalSite {
  siteId: string;
  isMain: boolean;
  producers: Producer[];
  share?: ScreenShare;
}

const producerInfo = (siteId: string, producer: Producer): ProducerInfo => ({ producerId: producer.id, siteId, kind: producer.kind, source: sourceOf(producer) });

const cameraProducers = (peer: Peer): Producer[] => [...peer.producers.values()].filter((p) => sourceOf(p) === 'camera');
