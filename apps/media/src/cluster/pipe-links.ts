import { Logger } from '@nestjs/common';
import type { MediaKind } from '@hoinghi/contracts';
import * as mediasoup from 'mediasoup';
import type { ClusterConfig } from '../config/media-config';
import type { Room } from '../rooms/room';
import { checkProducerRtpParameters } from '../rooms/rtp-parameters-check';
import { MAX_SPATIAL_LAYER } from '../quality/quality-policy';
import { ClusterBus, ClusterRequestError } from './cluster-bus';
import type { ClusterRequest, LayersNotice, PausedNotice, PipedProducer, PipeEnd } from './cluster-messages';
import type { RemoteSite } from './pipe-plan';

type PipeTransport = mediasoup.types.PipeTransport;
type Producer = mediasoup.types.Producer;
type Consumer = mediasoup.types.Consumer;

/** Our pipe transport towards one other gateway, receiving its producers. */
interface InboundLink {
  instance: string;
  transport: Promise<PipeTransport>;
}

/** A pipe transport we opened for another gateway, and the consumers feeding it. */
interface OutboundLink {
  instance: string;
  transport: PipeTransport;
  consumers: Map<string, Consumer>;
}

export interface PipeLinksDeps {
  bus: ClusterBus;
  cluster: ClusterConfig;
  listenIp: string;
  /** The pipe address a live gateway announced (null: not live as that instance): the only address its pipes may use. */
  pipeAddressOf(gatewayId: string, instance: string): string | null;
}

/**
 * One conference's pipes to and from the other gateways: mediasoup PipeTransports on the room's primary
 * router, one pair per other gateway (SRTP, with RTX/NACK for a lossy link between hosts). Receiving, a
 * producer of another gateway is re-created here with its id and RTP parameters (pipeTransport.produce);
 * serving, one of ours is consumed on the pipe transport towards the asker (pipeTransport.consume).
 * mediasoup says nothing across hosts, so closing is explicit: `unpipe` when we no longer need one, room
 * states when the origin's producer is gone, and the registry when a gateway dies.
 */
export class PipeLinks {
  private readonly inbound = new Map<string, InboundLink>();
  private readonly outbound = new Map<string, OutboundLink>();
  /** Producers piped here, by id: from which gateway. */
  private readonly piped = new Map<string, { gatewayId: string; producer: Producer }>();

  constructor(
    private readonly room: Room,
    private readonly deps: PipeLinksDeps,
    private readonly log: Logger,
  ) {}

  pipedIds(): string[] {
    return [...this.piped.keys()];
  }

  pipedFrom(producerId: string): string | undefined {
    return this.piped.get(producerId)?.gatewayId;
  }

  /** For the health route: pipes in (producers received) and out (consumers served), per other gateway. */
  summary(): { inbound: Record<string, number>; outbound: Record<string, number> } {
    const inbound: Record<string, number> = {};
    for (const { gatewayId } of this.piped.values()) inbound[gatewayId] = (inbound[gatewayId] ?? 0) + 1;
    const outbound: Record<string, number> = {};
    for (const [gatewayId, link] of this.outbound) outbound[gatewayId] = link.consumers.size;
    return { inbound, outbound };
  }

  // ── receiving ──────────────────────────────────────────────────────────────────────────────────

  /** Pipes a producer of a remote site here; resolves with the local copy (same id). */
  async pipe(site: RemoteSite, producerId: string): Promise<Producer> {
    const offer = site.producers.find((p) => p.id === producerId);
    if (!offer) throw new Error(`site ${site.siteId} has no producer ${producerId}`);
    const { kind } = offer;
    let transport = await this.link(site.gatewayId, site.instance);
    let reply;
    try {
      reply = await this.deps.bus.request(site.gatewayId, { op: 'pipe', conferenceId: this.room.conferenceId, producerId });
    } catch (error) {
      // The origin lost our link (its worker died, or it restarted its room): link again, once.
      if (!(error instanceof ClusterRequestError) || error.code !== 'NOT_LINKED') throw error;
      this.dropInbound(site.gatewayId);
      transport = await this.link(site.gatewayId, site.instance);
      reply = await this.deps.bus.request(site.gatewayId, { op: 'pipe', conferenceId: this.room.conferenceId, producerId });
    }
    const offered = reply.producer;
    if (!offered || offered.kind !== kind) throw new Error(`gateway ${site.gatewayId} answered no ${kind} producer for ${producerId}`);
    // What another gateway sends ends in our consumers' SDPs like a site's own: the same check, except
    // that header extensions may be of either kind (mediasoup adds video's dependency descriptor to every pipe).
    const caps = this.room.primary.router.rtpCapabilities;
    const rtpParameters = checkProducerRtpParameters(kind, offered.rtpParameters, {
      ...caps, headerExtensions: (caps.headerExtensions ?? []).map((h) => ({ ...h, kind })),
    });
    const producer = await transport.produce({
      id: producerId, kind, rtpParameters, paused: offered.paused, appData: { siteId: site.siteId, source: offer.source ?? 'camera' },
    });
    this.piped.set(producerId, { gatewayId: site.gatewayId, producer });
    producer.observer.once('close', () => {
      if (this.piped.get(producerId)?.producer === producer) this.piped.delete(producerId);
    });
    return producer;
  }

  /** No site here needs it any more: close our copy and tell the origin to stop sending it. */
  unpipe(producerId: string): void {
    const entry = this.piped.get(producerId);
    if (!entry) return;
    this.piped.delete(producerId);
    entry.producer.close();
    this.deps.bus.request(entry.gatewayId, { op: 'unpipe', conferenceId: this.room.conferenceId, producerId })
      .catch((error: Error) => this.log.warn(`unpipe ${producerId} at ${entry.gatewayId}: ${error.message}`));
  }

  /** The origin paused or resumed a producer (a site's mute). */
  onPaused(notice: PausedNotice): void {
    const entry = this.piped.get(notice.producerId);
    if (!entry || entry.gatewayId !== notice.from || entry.producer.closed) return;
    void (notice.paused ? entry.producer.pause() : entry.producer.resume()).catch(() => undefined);
  }

  /** Our sites' demand for a camera piped here (its send layer, send-layers.ts): to the gateway it comes from. */
  tellDemand(producerId: string, spatialLayer: number): void {
    const entry = this.piped.get(producerId);
    if (!entry || entry.producer.closed) return;
    this.deps.bus.notify(entry.gatewayId, { op: 'layers', conferenceId: this.room.conferenceId, producerId, spatialLayer })
      .catch((error: Error) => this.log.warn(`layers of ${producerId} to ${entry.gatewayId}: ${error.message}`));
  }

  private link(gatewayId: string, instance: string): Promise<PipeTransport> {
    const existing = this.inbound.get(gatewayId);
    if (existing && existing.instance === instance) return existing.transport;
    if (existing) this.dropInbound(gatewayId);
    const transport = this.openLink(gatewayId, instance);
    this.inbound.set(gatewayId, { instance, transport });
    // Failed, or closed later (our router went with a worker): the next pipe links anew.
    const forget = () => {
      if (this.inbound.get(gatewayId)?.transport === transport) this.inbound.delete(gatewayId);
    };
    transport.then((t) => t.observer.once('close', forget), forget);
    return transport;
  }

  private async openLink(gatewayId: string, instance: string): Promise<PipeTransport> {
    const expected = this.deps.pipeAddressOf(gatewayId, instance);
    if (!expected) throw new Error(`gateway ${gatewayId} is not live`);
    const transport = await this.createTransport(gatewayId);
    try {
      const reply = await this.deps.bus.request(gatewayId, { op: 'link', conferenceId: this.room.conferenceId, ...this.end(transport) });
      const remote = reply.link;
      // Only where that gateway announced itself: a forged reply cannot send the conference elsewhere.
      if (!remote || remote.ip !== expected) throw new Error(`gateway ${gatewayId} answered a link from ${remote?.ip ?? 'nowhere'}, not its address ${expected}`);
      await transport.connect({ ip: remote.ip, port: remote.port, srtpParameters: remote.srtp });
      return transport;
    } catch (error) {
      transport.close();
      throw error;
    }
  }

  private dropInbound(gatewayId: string): void {
    const link = this.inbound.get(gatewayId);
    if (!link) return;
    this.inbound.delete(gatewayId);
    link.transport.then((t) => t.close(), () => undefined); // closes the producers piped through it
  }

  // ── serving ────────────────────────────────────────────────────────────────────────────────────

  /** Another gateway opens its pipe transport towards us: we open ours towards it (replacing an older one). */
  async serveLink(request: Extract<ClusterRequest, { op: 'link' }>): Promise<PipeEnd> {
    const expected = this.deps.pipeAddressOf(request.from, request.fromInstance);
    if (!expected) throw new ClusterRequestError('UNKNOWN_GATEWAY', `gateway ${request.from} is not live as instance ${request.fromInstance}`);
    if (request.ip !== expected) throw new ClusterRequestError('WRONG_ADDRESS', `gateway ${request.from} pipes from ${expected}, not ${request.ip}`);
    this.dropOutbound(request.from);
    const transport = await this.createTransport(request.from);
    try {
      await transport.connect({ ip: request.ip, port: request.port, srtpParameters: request.srtp });
    } catch (error) {
      transport.close();
      throw error;
    }
    const link: OutboundLink = { instance: request.fromInstance, transport, consumers: new Map() };
    this.outbound.set(request.from, link);
    transport.observer.once('close', () => {
      if (this.outbound.get(request.from) === link) this.outbound.delete(request.from);
    });
    return this.end(transport);
  }

  /** Another gateway wants one of our sites' producers. */
  async servePipe(request: Extract<ClusterRequest, { op: 'pipe' }>): Promise<PipedProducer> {
    const link = this.outbound.get(request.from);
    if (!link || link.instance !== request.fromInstance || link.transport.closed) {
      throw new ClusterRequestError('NOT_LINKED', `no pipe transport towards gateway ${request.from} in conference ${this.room.conferenceId}`);
    }
    const producer = this.localProducer(request.producerId);
    if (!producer) throw new ClusterRequestError('UNKNOWN_PRODUCER', `no producer ${request.producerId} of a site on this gateway`);
    link.consumers.get(producer.id)?.close(); // asked again: its copy there was closed and is made anew
    await this.room.ensureProducerOn(this.room.primary, producer.id);
    const consumer = await link.transport.consume({ producerId: producer.id });
    if (link.transport.closed || this.outbound.get(request.from) !== link) {
      consumer.close();
      throw new ClusterRequestError('NOT_LINKED', `the pipe transport towards gateway ${request.from} closed meanwhile`);
    }
    link.consumers.set(producer.id, consumer);
    this.room.setPipedDemand(request.from, producer.id, MAX_SPATIAL_LAYER); // until the asker says what its sites watch
    consumer.observer.once('close', () => {
      if (link.consumers.get(producer.id) !== consumer) return;
      link.consumers.delete(producer.id);
      this.room.setPipedDemand(request.from, producer.id, null);
    });
    const tell = (paused: boolean) => void this.deps.bus.notify(request.from, {
      op: 'paused', conferenceId: this.room.conferenceId, producerId: producer.id, paused,
    });
    consumer.on('producerpause', () => tell(true));
    consumer.on('producerresume', () => tell(false));
    return { kind: consumer.kind as MediaKind, rtpParameters: consumer.rtpParameters as unknown as Record<string, unknown>, paused: consumer.producerPaused };
  }

  /** The asker's sites' demand for one of our cameras it pipes. */
  serveLayers(notice: LayersNotice): void {
    const link = this.outbound.get(notice.from);
    if (link?.instance === notice.fromInstance && link.consumers.has(notice.producerId)) {
      this.room.setPipedDemand(notice.from, notice.producerId, notice.spatialLayer);
    }
  }

  serveUnpipe(request: Extract<ClusterRequest, { op: 'unpipe' }>): void {
    const link = this.outbound.get(request.from);
    if (link?.instance === request.fromInstance) link.consumers.get(request.producerId)?.close();
  }

  // ── both ───────────────────────────────────────────────────────────────────────────────────────

  /** Gateways we have pipes with, in either direction, and as which instance. */
  gateways(): Array<{ gatewayId: string; instance: string }> {
    const all = new Map<string, string>();
    for (const [gatewayId, link] of this.inbound) all.set(`${gatewayId}/${link.instance}`, gatewayId);
    for (const [gatewayId, link] of this.outbound) all.set(`${gatewayId}/${link.instance}`, gatewayId);
    return [...all].map(([key, gatewayId]) => ({ gatewayId, instance: key.slice(gatewayId.length + 1) }));
  }

  /**
   * A gateway died, restarted or left the conference: its producers here close (the sites receiving
   * them get ProducerClosed), and so do the pipes we fed it.
   */
  dropGateway(gatewayId: string): void {
    this.dropInbound(gatewayId);
    this.dropOutbound(gatewayId);
    for (const [producerId, entry] of this.piped) {
      if (entry.gatewayId !== gatewayId) continue;
      this.piped.delete(producerId);
      entry.producer.close();
    }
  }

  close(): void {
    for (const gatewayId of new Set([...this.inbound.keys(), ...this.outbound.keys()])) this.dropGateway(gatewayId);
  }

  private dropOutbound(gatewayId: string): void {
    const link = this.outbound.get(gatewayId);
    if (!link) return;
    this.outbound.delete(gatewayId);
    link.transport.close();
  }

  private createTransport(gatewayId: string): Promise<PipeTransport> {
    const { cluster, listenIp } = this.deps;
    return this.room.primary.router.createPipeTransport({
      listenInfo: { protocol: 'udp', ip: listenIp, announcedAddress: cluster.pipeAddress, portRange: cluster.pipePorts },
      enableSrtp: true, // the link between hosts may be a WAN
      enableRtx: true, // and lose packets: NACK and retransmission across it
      appData: { gatewayId },
    });
  }

  private end(transport: PipeTransport): PipeEnd {
    const srtp = transport.srtpParameters!;
    return { ip: this.deps.cluster.pipeAddress, port: transport.tuple.localPort, srtp: { cryptoSuite: srtp.cryptoSuite, keyBase64: srtp.keyBase64 } };
  }

  /** A producer of a site connected to this gateway (never one piped here: no chains between gateways). */
  private localProducer(producerId: string): Producer | undefined {
    for (const peer of this.room.peers.values()) {
      const producer = peer.producers.get(producerId);
      if (producer && !producer.closed) return producer;
    }
    return undefined;
  }
}
