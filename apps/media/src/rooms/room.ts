import { Logger } from '@nestjs/common';
import {
  ConnectTransportRequest, ConsumerOptions, MediaClientEvent, MediaJoinClaims, MediaKind, MediaReadyResult, MediaServerEvent,
  ProducerInfo, ProgrammeEvent, TransportDirection, TransportOptions,
} from '@hoinghi/contracts';
import { conflict, forbidden, invalid, notFound } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import { assertSdpSafe } from '../common/sdp-safe';
import type { MediaConfig } from '../config/media-config';
import { effectiveSpatialLayer, LinkState } from '../quality/quality-policy';
import type { PlacedRouter } from '../workers/worker-pool.service';
import { Peer, PeerConsumer, PeerTransport, RouterSlot } from './peer';
import { checkProducerRtpParameters } from './rtp-parameters-check';
import type { SiteChannel } from './site-channel';

type Producer = mediasoup.types.Producer;
type ActiveSpeakerObserver = mediasoup.types.ActiveSpeakerObserver;
type DtlsParameters = mediasoup.types.DtlsParameters;
type RtpCapabilities = mediasoup.types.RtpCapabilities;

/** Send + receive WebRTC, plus a few plain (ffmpeg) ingest transports. */
const MAX_TRANSPORTS_PER_PEER = 6;

export interface RoomDeps {
  config: MediaConfig;
  channel: SiteChannel;
  /** A new router for this conference, preferably on a worker not in `avoid`. */
  placeRouter(conferenceId: string, avoid: ReadonlySet<number>): Promise<PlacedRouter>;
  /** The programme (main site, floor holder or their producers) changed; the recorder follows it. */
  onProgrammeChanged(room: Room): void;
}

interface ProducerHome {
  producer: Producer;
  siteId: string;
  slot: RouterSlot;
}

/** The programme's sources, for the recorder. */
export interface ProgrammeSources {
  mainVideo: Producer | null;
  mainAudio: Producer | null;
  floorAudio: Producer | null;
}

/**
 * One conference on the gateway: its routers, its sites and the programme.
 *
 * The programme is enforced here, not by the clients: a site may hold consumers of any site, but the
 * room keeps a consumer paused unless the viewer is the main site (it sees everyone: the grid) or the
 * source is the main site or the floor holder. A floor switch is then only pause/resume of existing
 * consumers (mediasoup asks the new source for a key frame on resume) — no signalling round trip for
 * sites that keep warm standby consumers, which districts do while the conference has at most
 * MEDIA_STANDBY_MAX_SITES sites.
 *
 * Scale-out: a router takes MEDIA_MAX_PEERS_PER_ROUTER sites; further sites get a router on another
 * worker (slot). A producer lives on its site's slot and is piped (router.pipeToRouter, one PipeTransport
 * pair per router pair, shared by all producers) to another slot the first time a site there consumes
 * it. Audio is also piped to the primary slot, whose ActiveSpeakerObserver hears everyone.
 */
export class Room {
  readonly peers = new Map<string, Peer>();
  private slots: RouterSlot[] = [];
  private speakerObserver: ActiveSpeakerObserver | null = null;
  private readonly homes = new Map<string, ProducerHome>();
  /** `${producerId}>${routerId}` → the pipe in progress or done. */
  private readonly pipes = new Map<string, Promise<void>>();
  private pendingSlot: Promise<RouterSlot> | null = null;
  private floor: string | null;
  private mainSite: string | null = null;
  private seq = 0;
  private programmeScheduled = false;
  /** While tearing down, per-object notifications (ProducerClosed …) would only be noise. */
  private quiet = false;
  private rebuilding: Promise<void> | null = null;
  private readonly log: Logger;
  closed = false;

  private constructor(
    readonly conferenceId: string,
    floorSiteId: string | null,
    private readonly deps: RoomDeps,
  ) {
    this.floor = floorSiteId;
    this.log = new Logger(`Room ${conferenceId.slice(0, 8)}`);
  }

  static async open(conferenceId: string, floorSiteId: string | null, deps: RoomDeps): Promise<Room> {
    const room = new Room(conferenceId, floorSiteId, deps);
    await room.openPrimary();
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
    return this.slots[0];
  }

  get routerCount(): number {
    return this.slots.length;
  }

  workerIndexes(): Set<number> {
    return new Set(this.slots.map((s) => s.workerIndex));
  }

  /** Resolves once a rebuild after a worker death has finished. */
  async settled(): Promise<void> {
    while (this.rebuilding) await this.rebuilding;
  }

  // ── sites ──────────────────────────────────────────────────────────────────────────────────────

  /** Adds a site; a site already in the room (re-join, another tab) is replaced and returned. */
  async addPeer(claims: MediaJoinClaims, socketId: string): Promise<{ peer: Peer; replaced: Peer | null }> {
    await this.settled();
    if (this.closed) throw conflict('ROOM_CLOSED', 'This conference\'s room just closed; join again.');
    const replaced = this.peers.get(claims.sid) ?? null;
    if (replaced) this.removePeer(replaced);
    const slot = await this.slotForNewPeer();
    const peer = new Peer(claims.sid, claims.uid, claims.main, socketId, slot);
    if (this.closed) throw conflict('ROOM_CLOSED', 'This conference\'s room just closed; join again.');
    const raced = this.peers.get(claims.sid);
    if (raced) this.removePeer(raced); // two joins of one site at once: the later wins
    slot.peers.add(peer.siteId);
    this.peers.set(peer.siteId, peer);
    if (peer.isMain) {
      this.mainSite = peer.siteId;
      this.scheduleProgramme();
    }
    return { peer, replaced };
  }

  removePeer(peer: Peer): void {
    if (this.peers.get(peer.siteId) !== peer) return;
    this.peers.delete(peer.siteId);
    peer.slot.peers.delete(peer.siteId);
    peer.closeMedia();
    if (this.mainSite === peer.siteId) {
      this.mainSite = null;
      this.scheduleProgramme();
    }
    this.releaseSlotIfEmpty(peer.slot);
  }

  /** Ready: the site's device capabilities are known; it hears about producers from now on. */
  setReady(peer: Peer, rtpCapabilities: RtpCapabilities): MediaReadyResult {
    if (!rtpCapabilities || typeof rtpCapabilities !== 'object' || !Array.isArray(rtpCapabilities.codecs)) {
      throw invalid('VALIDATION_FAILED', 'must be the device\'s RTP capabilities (with codecs)', 'rtpCapabilities');
    }
    peer.rtpCapabilities = rtpCapabilities;
    const producers: ProducerInfo[] = [];
    for (const home of this.homes.values()) {
      if (home.siteId !== peer.siteId && this.isAnnouncedTo(peer, home.siteId)) producers.push(producerInfo(home.siteId, home.producer));
    }
    return { programme: this.programme(), producers };
  }

  routerRtpCapabilities(peer: Peer): RtpCapabilities {
    return peer.slot.router.rtpCapabilities;
  }

  // ── transports ─────────────────────────────────────────────────────────────────────────────────

  /** One transport per direction: a new one replaces the old (its producers or consumers close with it). */
  async createTransport(peer: Peer, direction: TransportDirection, type: 'webrtc' | 'plain'): Promise<TransportOptions> {
    const slot = peer.slot;
    const { config } = this.deps;
    const appData = { siteId: peer.siteId, direction };
    let entry: PeerTransport;
    let options: TransportOptions;
    if (type === 'plain') {
      if (!config.allowPlainRtp) throw forbidden('PLAIN_RTP_DISABLED', 'Plain RTP transports are disabled on this gateway (MEDIA_ALLOW_PLAIN_RTP).');
      // ffmpeg sends RTP and RTCP from two ports: no RTCP mux; comedia learns the sender's ports.
      const transport = await slot.router.createPlainTransport({
        listenInfo: { protocol: 'udp', ip: config.listenIp, announcedAddress: config.announcedAddress ?? undefined },
        rtcpMux: false,
        comedia: direction === 'send',
        appData,
      });
      entry = { transport, type, direction, slot, connected: direction === 'send' };
      options = {
        type, id: transport.id, direction,
        ip: config.announcedAddress ?? transport.tuple.localAddress ?? config.listenIp,
        port: transport.tuple.localPort,
        rtcpPort: transport.rtcpTuple?.localPort ?? transport.tuple.localPort,
      };
    } else {
      const transport = await slot.router.createWebRtcTransport({
        webRtcServer: slot.webRtcServer,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        initialAvailableOutgoingBitrate: 1_000_000,
        appData,
      });
      // A three-layer VP8 simulcast camera peaks around 2.5 Mbit/s; cap what one site may push at us.
      if (direction === 'send') await transport.setMaxIncomingBitrate(3_000_000);
      transport.on('dtlsstatechange', (state) => {
        if (state === 'failed') this.log.warn(`site ${peer.siteId}: DTLS failed on its ${direction} transport`);
      });
      entry = { transport, type: 'webrtc', direction, slot, connected: false };
      options = {
        type: 'webrtc', id: transport.id, direction,
        iceParameters: transport.iceParameters,
        iceCandidates: transport.iceCandidates,
        dtlsParameters: transport.dtlsParameters,
        iceServers: config.iceServers,
      };
    }
    if (!this.owns(peer)) {
      entry.transport.close();
      throw conflict('REPLACED', 'This connection was replaced by a newer one of the same site.');
    }
    // A browser has one WebRTC transport per direction: a new one replaces the old (after an ICE
    // failure the client may rebuild it). Plain transports carry one ffmpeg stream each.
    for (const [id, old] of peer.transports) {
      if (old.direction === direction && old.type === entry.type && entry.type === 'webrtc') {
        old.transport.close();
        peer.transports.delete(id);
      }
    }
    if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) {
      entry.transport.close();
      throw conflict('TOO_MANY_TRANSPORTS', `A site has at most ${MAX_TRANSPORTS_PER_PEER} transports.`);
    }
    peer.transports.set(entry.transport.id, entry);
    return options;
  }

  async connectTransport(peer: Peer, request: ConnectTransportRequest): Promise<void> {
    const entry = this.transportOf(peer, request.transportId);
    if (entry.connected) throw conflict('ALREADY_CONNECTED', 'This transport is already connected.');
    if (entry.type === 'webrtc') {
      const dtls = request.dtlsParameters as DtlsParameters | undefined;
      if (!dtls || !Array.isArray(dtls.fingerprints)) throw invalid('VALIDATION_FAILED', 'are required, with fingerprints', 'dtlsParameters');
      await (entry.transport as mediasoup.types.WebRtcTransport).connect({ dtlsParameters: dtls });
    } else {
      const { ip, port, rtcpPort } = request;
      if (typeof ip !== 'string' || !Number.isInteger(port) || !Number.isInteger(rtcpPort)) {
        throw invalid('VALIDATION_FAILED', 'A plain transport needs ip, port and rtcpPort.');
      }
      // Otherwise a site could make the gateway send a conference's media (unencrypted) anywhere it names.
      if (!this.deps.config.plainRtpAllowedHosts.includes(ip)) {
        throw forbidden('PLAIN_RTP_ADDRESS_REFUSED', `This gateway sends plain RTP only to ${this.deps.config.plainRtpAllowedHosts.join(', ')} (MEDIA_PLAIN_RTP_ALLOWED_HOSTS).`);
      }
      await (entry.transport as mediasoup.types.PlainTransport).connect({ ip, port, rtcpPort });
    }
    entry.connected = true;
  }

  async restartIce(peer: Peer, transportId: string): Promise<mediasoup.types.IceParameters> {
    const entry = this.transportOf(peer, transportId);
    if (entry.type !== 'webrtc') throw conflict('NOT_WEBRTC', 'Only WebRTC transports have ICE.');
    return (entry.transport as mediasoup.types.WebRtcTransport).restartIce();
  }

  // ── producing ──────────────────────────────────────────────────────────────────────────────────

  /** `rtpParameters` as the site sent them: checked against the router before anything of them can reach another site or ffmpeg. */
  async produce(peer: Peer, transportId: string, kind: MediaKind, sent: unknown): Promise<Producer> {
    const entry = this.transportOf(peer, transportId);
    if (entry.direction !== 'send') throw conflict('NOT_A_SEND_TRANSPORT', 'Produce on the send transport.');
    if (!entry.connected) throw conflict('TRANSPORT_NOT_CONNECTED', 'Connect the send transport before producing.');
    if (peer.producerOfKind(kind)) throw conflict('ALREADY_PRODUCING', `This site already sends ${kind}; close that producer first.`);
    const rtpParameters = checkProducerRtpParameters(kind, sent, entry.slot.router.rtpCapabilities);
    const producer = await entry.transport.produce({ kind, rtpParameters, appData: { siteId: peer.siteId } });
    if (!this.owns(peer) || peer.producerOfKind(kind)) {
      producer.close();
      throw conflict('ALREADY_PRODUCING', `This site already sends ${kind}, or its connection was replaced.`);
    }
    peer.producers.set(producer.id, producer);
    this.homes.set(producer.id, { producer, siteId: peer.siteId, slot: entry.slot });
    producer.observer.once('close', () => this.onProducerClosed(peer, producer));
    if (kind === 'audio') void this.observeSpeaker(producer);
    this.announce(peer, producer);
    return producer;
  }

  producerOf(peer: Peer, producerId: string): Producer {
    const producer = peer.producers.get(String(producerId));
    if (!producer) throw notFound('UNKNOWN_PRODUCER', 'This site has no such producer.');
    return producer;
  }

  // ── consuming ──────────────────────────────────────────────────────────────────────────────────

  async consume(viewer: Peer, transportId: string, producerId: string): Promise<ConsumerOptions> {
    if (!viewer.rtpCapabilities) throw conflict('NOT_READY', `Send ${MediaClientEvent.Ready} with the device's RTP capabilities before consuming.`);
    const entry = this.transportOf(viewer, transportId);
    if (entry.direction !== 'recv') throw conflict('NOT_A_RECV_TRANSPORT', 'Consume on the receive transport.');
    const home = this.homes.get(String(producerId));
    if (!home) throw notFound('UNKNOWN_PRODUCER', 'No such producer in this conference (it may have just closed).');
    if (home.siteId === viewer.siteId) throw invalid('OWN_PRODUCER', 'A site does not consume its own media.');
    if (viewer.consumerOfProducer(home.producer.id)) throw conflict('ALREADY_CONSUMING', 'This site already consumes that producer.');
    await this.ensureProducerOn(entry.slot, home.producer.id);
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
      throw conflict('ALREADY_CONSUMING', 'This site already consumes that producer, or its connection was replaced.');
    }
    try {
      assertSdpSafe(consumer.rtpParameters); // the viewer's browser writes these into its SDP
    } catch (error) {
      consumer.close();
      this.log.error(`site ${home.siteId}'s producer ${home.producer.id}: ${(error as Error).message}`);
      throw invalid('RTP_PARAMETERS_REJECTED', 'The source site\'s codec parameters cannot be passed on.');
    }
    const pc: PeerConsumer = {
      consumer, sourceSiteId: home.siteId, wanted: false, flowing: false, requestedSpatialLayer: null, requestedTemporalLayer: null,
    };
    viewer.consumers.set(consumer.id, pc);
    consumer.observer.once('close', () => viewer.consumers.delete(consumer.id));
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
    if (!entry) throw notFound('UNKNOWN_CONSUMER', 'This site has no such consumer (its producer may have closed).');
    return entry;
  }

  /** The client's wish (ResumeConsumer / PauseConsumer); the programme and the link decide the rest. */
  async setWanted(viewer: Peer, consumerId: string, wanted: boolean): Promise<boolean> {
    const entry = this.consumerOf(viewer, consumerId);
    entry.wanted = wanted;
    return this.gate(viewer, entry);
  }

  async setPreferredLayers(viewer: Peer, consumerId: string, spatialLayer: number, temporalLayer: number | null): Promise<void> {
    const entry = this.consumerOf(viewer, consumerId);
    if (!Number.isInteger(spatialLayer) || spatialLayer < 0 || (temporalLayer !== null && (!Number.isInteger(temporalLayer) || temporalLayer < 0))) {
      throw invalid('VALIDATION_FAILED', 'must be whole numbers ≥ 0 (temporalLayer may be null)', 'spatialLayer');
    }
    entry.requestedSpatialLayer = spatialLayer;
    entry.requestedTemporalLayer = temporalLayer;
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
    const affected = new Set([previous, siteId].filter((s): s is string => s !== null));
    const work: Promise<boolean>[] = [];
    for (const viewer of this.peers.values()) {
      for (const entry of viewer.consumers.values()) if (affected.has(entry.sourceSiteId)) work.push(this.gate(viewer, entry));
    }
    await Promise.allSettled(work);
  }

  programme(): ProgrammeEvent {
    const producers: ProducerInfo[] = [];
    for (const siteId of new Set([this.mainSite, this.floor])) {
      const peer = siteId === null ? undefined : this.peers.get(siteId);
      if (!peer) continue;
      for (const producer of peer.producers.values()) producers.push(producerInfo(peer.siteId, producer));
    }
    return {
      conferenceId: this.conferenceId, mainSiteId: this.mainSite, floorSiteId: this.floor, producers, seq: this.seq, at: new Date().toISOString(),
    };
  }

  programmeSources(): ProgrammeSources {
    const main = this.mainSite ? this.peers.get(this.mainSite) : undefined;
    const floor = this.floor && this.floor !== this.mainSite ? this.peers.get(this.floor) : undefined;
    return {
      mainVideo: main?.producerOfKind('video') ?? null,
      mainAudio: main?.producerOfKind('audio') ?? null,
      floorAudio: floor?.producerOfKind('audio') ?? null,
    };
  }

  /** Makes a producer available on a slot's router (no-op on its own slot). */
  async ensureProducerOn(slot: RouterSlot, producerId: string): Promise<void> {
    const home = this.homes.get(producerId);
    if (!home) throw notFound('UNKNOWN_PRODUCER', 'No such producer in this conference.');
    if (home.slot === slot) return;
    const key = `${producerId}>${slot.router.id}`;
    let pipe = this.pipes.get(key);
    if (!pipe) {
      pipe = home.slot.router
        .pipeToRouter({ producerId, router: slot.router, listenInfo: { protocol: 'udp', ip: '127.0.0.1' } })
        .then(() => undefined);
      this.pipes.set(key, pipe);
      pipe.catch(() => this.pipes.delete(key));
    }
    await pipe;
  }

  async getStats(peer: Peer, id: string): Promise<Array<Record<string, unknown>>> {
    const object = peer.transports.get(id)?.transport ?? peer.producers.get(id) ?? peer.consumers.get(id)?.consumer;
    if (!object) throw notFound('UNKNOWN_ID', 'No transport, producer or consumer of this site has that id.');
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
          peer.slot.peers.delete(peer.siteId);
        }
        for (const slot of this.slots) slot.router.close();
        this.slots = [];
        this.speakerObserver = null;
        this.homes.clear();
        this.pipes.clear();
        this.pendingSlot = null;
        await this.openPrimary();
        if (this.closed) {
          // The last site left while we were waiting for a worker.
          for (const slot of this.slots) slot.router.close();
          this.slots = [];
          return;
        }
        for (const peer of this.peers.values()) {
          peer.slot = await this.slotForNewPeer();
          peer.slot.peers.add(peer.siteId);
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
    this.peers.clear();
    for (const slot of this.slots) slot.router.close();
    this.slots = [];
    this.homes.clear();
    this.pipes.clear();
  }

  // ── internals ──────────────────────────────────────────────────────────────────────────────────

  private async openPrimary(): Promise<void> {
    const placed = await this.deps.placeRouter(this.conferenceId, new Set());
    const slot: RouterSlot = { ...placed, peers: new Set() };
    this.slots = [slot];
    const observer = await slot.router.createActiveSpeakerObserver({ interval: 300 });
    observer.on('dominantspeaker', ({ producer }) => {
      const home = this.homes.get(producer.id);
      if (!home || this.quiet) return;
      this.deps.channel.toConference(this.conferenceId, MediaServerEvent.ActiveSpeaker, {
        conferenceId: this.conferenceId, siteId: home.siteId, producerId: producer.id,
      });
    });
    this.speakerObserver = observer;
  }

  /** The first router with room, else a new one on another worker (one at a time). */
  private async slotForNewPeer(): Promise<RouterSlot> {
    const max = this.deps.config.maxPeersPerRouter;
    for (;;) {
      const free = this.slots.find((s) => s.peers.size < max && !s.router.closed);
      if (free) return free;
      if (!this.pendingSlot) {
        this.pendingSlot = this.deps.placeRouter(this.conferenceId, this.workerIndexes()).then((placed) => {
          const slot: RouterSlot = { ...placed, peers: new Set() };
          this.slots.push(slot);
          this.log.log(`router ${this.slots.length} on worker #${placed.workerIndex} (more than ${max} sites per router)`);
          return slot;
        });
        this.pendingSlot.finally(() => (this.pendingSlot = null)).catch(() => undefined);
      }
      const slot = await this.pendingSlot;
      if (slot.peers.size < max) return slot;
    }
  }

  private releaseSlotIfEmpty(slot: RouterSlot): void {
    if (slot === this.primary || slot.peers.size > 0 || this.quiet) return;
    this.slots = this.slots.filter((s) => s !== slot);
    for (const key of this.pipes.keys()) if (key.endsWith(`>${slot.router.id}`)) this.pipes.delete(key);
    slot.router.close(); // closes its pipe transports, and with them the piped producers elsewhere
  }

  private owns(peer: Peer): boolean {
    return this.peers.get(peer.siteId) === peer && !this.closed;
  }

  private transportOf(peer: Peer, transportId: string): PeerTransport {
    const entry = peer.transports.get(String(transportId));
    if (!entry || entry.transport.closed) throw notFound('UNKNOWN_TRANSPORT', 'This site has no such transport (create one first).');
    return entry;
  }

  private onAir(siteId: string): boolean {
    return siteId === this.mainSite || siteId === this.floor;
  }

  /** Which producers a site hears about: the main site all (grid); districts the programme, or everyone while small. */
  private isAnnouncedTo(viewer: Peer, sourceSiteId: string): boolean {
    return viewer.isMain || this.onAir(sourceSiteId) || this.peers.size <= this.deps.config.standbyMaxSites;
  }

  private shouldFlow(viewer: Peer, entry: PeerConsumer): boolean {
    if (!entry.wanted) return false;
    if (entry.consumer.kind === 'video' && viewer.link.audioOnly) return false;
    return viewer.isMain || this.onAir(entry.sourceSiteId);
  }

  /** Pause or resume one consumer to match the programme; returns whether it flows. */
  private async gate(viewer: Peer, entry: PeerConsumer): Promise<boolean> {
    const flow = this.shouldFlow(viewer, entry);
    if (flow === entry.flowing || entry.consumer.closed) return flow;
    entry.flowing = flow;
    try {
      await (flow ? entry.consumer.resume() : entry.consumer.pause());
    } catch (error) {
      if (!entry.consumer.closed) this.log.warn(`gating consumer ${entry.consumer.id}: ${(error as Error).message}`);
    }
    return flow;
  }

  private async applyLayers(viewer: Peer, entry: PeerConsumer): Promise<void> {
    const { consumer } = entry;
    if (consumer.closed || (consumer.type !== 'simulcast' && consumer.type !== 'svc')) return;
    const spatialLayer = effectiveSpatialLayer(entry.requestedSpatialLayer, viewer.link);
    const temporalLayer = entry.requestedTemporalLayer ?? undefined;
    const current = consumer.preferredLayers;
    if (current && current.spatialLayer === spatialLayer && (temporalLayer === undefined || current.temporalLayer === temporalLayer)) return;
    await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
  }

  private announce(source: Peer, producer: Producer): void {
    const event = producerInfo(source.siteId, producer);
    for (const viewer of this.peers.values()) {
      if (viewer !== source && viewer.ready && this.isAnnouncedTo(viewer, source.siteId)) {
        this.deps.channel.toSocket(viewer.socketId, MediaServerEvent.NewProducer, event);
      }
    }
    if (this.onAir(source.siteId)) this.scheduleProgramme();
  }

  private onProducerClosed(peer: Peer, producer: Producer): void {
    peer.producers.delete(producer.id);
    if (this.homes.get(producer.id)?.producer === producer) this.homes.delete(producer.id);
    for (const key of this.pipes.keys()) if (key.startsWith(`${producer.id}>`)) this.pipes.delete(key);
    if (this.quiet) return;
    this.deps.channel.toConference(this.conferenceId, MediaServerEvent.ProducerClosed, { producerId: producer.id, siteId: peer.siteId });
    if (this.onAir(peer.siteId)) this.scheduleProgramme();
  }

  private async observeSpeaker(producer: Producer): Promise<void> {
    try {
      await this.ensureProducerOn(this.primary, producer.id);
      if (!producer.closed && this.speakerObserver && !this.speakerObserver.closed) {
        await this.speakerObserver.addProducer({ producerId: producer.id });
      }
    } catch (error) {
      if (!producer.closed) this.log.warn(`active speaker: ${(error as Error).message}`);
    }
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
    this.deps.channel.toConference(this.conferenceId, MediaServerEvent.Programme, this.programme());
    this.deps.onProgrammeChanged(this);
  }
}

const producerInfo = (siteId: string, producer: Producer): ProducerInfo => ({ producerId: producer.id, siteId, kind: producer.kind });
