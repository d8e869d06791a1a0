import type { MediaKind, MediaRole, ProducerSource, SitePublisher, TransportDirection } from '@hoinghi/contracts';
import * as mediasoup from 'mediasoup';
import type { PlacedRouter } from '../workers/worker-pool.service';
import { initialLinkState, LinkState } from '../quality/quality-policy';

type Transport = mediasoup.types.WebRtcTransport | mediasoup.types.PlainTransport;
type Producer = mediasoup.types.Producer;
type Consumer = mediasoup.types.Consumer;
type RtpCapabilities = mediasoup.types.RtpCapabilities;

/** One router of a conference, with the connections (peer ids) whose transports live on it. */
export interface RouterSlot extends PlacedRouter {
  peers: Set<string>;
}

export interface PeerTransport {
  transport: Transport;
  type: 'webrtc' | 'plain';
  direction: TransportDirection;
  slot: RouterSlot;
  /** connect() done (plain send transports with comedia need none). Producing waits for it. */
  connected: boolean;
}

export interface PeerConsumer {
  consumer: Consumer;
  sourceSiteId: string;
  /** A camera or microphone, or a shared screen. */
  source: ProducerSource;
  /** The client has built its side and asked for media (ResumeConsumer); the programme decides the rest. */
  wanted: boolean;
  /** What the gateway last told mediasoup; set before the await, so racing updates do not lose the latest decision. */
  flowing: boolean;
  /** Its layers are a warm next speaker's (the lowest), as last told to mediasoup. */
  standby: boolean;
  /** The client's SetPreferredLayers, before the link cap. */
  requestedSpatialLayer: number | null;
  requestedTemporalLayer: number | null;
}

/**
 * One connection of a site (a signalling socket): its transports, what it sends and what it receives.
 * A site has at most one publisher connection (camera and microphone) and any number of viewers.
 */
export class Peer {
  readonly transports = new Map<string, PeerTransport>();
  /** Its camera and microphone (the site's publisher), and a shared screen (any connection of a site that may share). */
  readonly producers = new Map<string, Producer>();
  /** Producers the site paused itself (PauseProducer): the chair's unmute leaves them paused. */
  readonly selfPaused = new Set<string>();
  readonly consumers = new Map<string, PeerConsumer>();
  /** The browser's device.rtpCapabilities (Ready); consuming needs them. */
  rtpCapabilities: RtpCapabilities | null = null;
  /** Producers this connection has been told of since its Ready (in Ready's list or by NewProducer): each once. */
  readonly announced = new Set<string>();
  /** The quality policy's decisions for this site's downlink. */
  link: LinkState = initialLinkState();
  /** When the site's quality went to Redis last, and in which state (to publish changes, and a heartbeat). */
  lastPublished: { at: number; key: string } | null = null;

  /** 'publisher' while it holds its site's camera; a takeover turns it into a viewer. */
  role: MediaRole = 'viewer';
  /** When it became its site's publisher. */
  publishingSince: Date | null = null;

  constructor(
    readonly siteId: string,
    readonly userId: string,
    readonly userName: string,
    readonly isMain: boolean,
    readonly socketId: string,
    public slot: RouterSlot,
  ) {}

  /** The connection's id in its room and router slot. */
  get id(): string {
    return this.socketId;
  }

  get publisher(): SitePublisher | null {
    if (this.role !== 'publisher' || !this.publishingSince) return null;
    return { userId: this.userId, userName: this.userName, since: this.publishingSince.toISOString() };
  }

  get ready(): boolean {
    return this.rtpCapabilities !== null;
  }

  /** Its camera's or microphone's producer (not a shared screen). */
  producerOfKind(kind: MediaKind): Producer | undefined {
    for (const producer of this.producers.values()) if (producer.kind === kind && sourceOf(producer) === 'camera') return producer;
    return undefined;
  }

  consumerOfProducer(producerId: string): PeerConsumer | undefined {
    for (const entry of this.consumers.values()) if (entry.consumer.producerId === producerId) return entry;
    return undefined;
  }

  /** Closing the transports closes their producers and consumers (mediasoup cascades). */
  closeMedia(): void {
    for (const { transport } of this.transports.values()) transport.close();
    this.transports.clear();
    this.producers.clear();
    this.selfPaused.clear();
    this.consumers.clear();
  }
}

/** What a producer carries, as set at Produce (appData.source). */
export const sourceOf = (producer: Producer): ProducerSource => (producer.appData.source === 'screen' ? 'screen' : 'camera');
