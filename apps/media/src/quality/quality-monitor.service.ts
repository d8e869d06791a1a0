import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { MediaServerEvent, SiteQuality } from '@hoinghi/contracts';
import * as mediasoup from 'mediasoup';
import { MediaStatusPublisher } from '../bus/media-status.publisher';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { Peer } from '../rooms/peer';
import { Room } from '../rooms/room';
import { RoomsService } from '../rooms/rooms.service';
import { SITE_CHANNEL, SiteChannel } from '../rooms/site-channel';
import { isPoor, LinkSample, nextLinkState, sameLink } from './quality-policy';

type RtpStats = mediasoup.types.RtpStreamRecvStats | mediasoup.types.RtpStreamSendStats;

/** Redis gets a site's quality when its state changes, and at least this often while it is connected. */
const STATUS_HEARTBEAT_MS = 10_000;

/**
 * Every MEDIA_QUALITY_INTERVAL_MS: per site, what it sends us and what we send it, loss, RTT, jitter and
 * the simulcast layer it gets; feeds the downlink policy (layer cap, audio-only) and reports to the
 * chair's console (the main site), to the site itself, and to Redis for the meeting service.
 */
@Injectable()
export class QualityMonitor implements OnModuleInit, OnModuleDestroy {
  private readonly log = new Logger('Quality');
  private timer: NodeJS.Timeout | null = null;
  private running = false;

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly rooms: RoomsService,
    @Inject(SITE_CHANNEL) private readonly channel: SiteChannel,
    private readonly status: MediaStatusPublisher,
  ) {}

  onModuleInit(): void {
    this.timer = setInterval(() => void this.sampleAll(), this.config.qualityIntervalMs);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** One pass over every room; a slow pass makes the next tick skip rather than pile up. */
  async sampleAll(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      for (const room of this.rooms.all()) await this.sampleRoom(room).catch((error: unknown) => this.log.warn(`${room.conferenceId}: ${(error as Error).message}`));
    } finally {
      this.running = false;
    }
  }

  private async sampleRoom(room: Room): Promise<void> {
    // Every connection's link is measured and capped on its own; a site is reported by its publisher
    // (the hall's camera and its downlink), or by its first connection while nobody publishes.
    const peers = [...room.peers.values()];
    const measured = await mapWithLimit(peers, STATS_IN_FLIGHT, (peer) => this.measure(room, peer));
    if (room.closed) return;
    const conferenceId = room.conferenceId;
    const now = Date.now();
    const bySite = new Map<string, { peer: Peer; site: SiteQuality }>();
    peers.forEach((peer, i) => {
      const site = measured[i];
      if (!peer.isMain) this.channel.toSocket(peer.socketId, MediaServerEvent.Quality, { conferenceId, sites: [site] });
      const chosen = bySite.get(peer.siteId);
      if (!chosen || (peer.role === 'publisher' && chosen.peer.role !== 'publisher')) bySite.set(peer.siteId, { peer, site });
    });
    for (const { peer, site } of bySite.values()) {
      const key = `${site.poor}|${site.audioOnly}|${site.maxSpatialLayer}`;
      if (!peer.lastPublished || peer.lastPublished.key !== key || now - peer.lastPublished.at >= STATUS_HEARTBEAT_MS) {
        peer.lastPublished = { at: now, key };
        void this.status.publish('site-quality', conferenceId, { ...site }, site.siteId);
      }
    }
    const sites = [...bySite.values()].map((entry) => entry.site);
    for (const peer of peers) {
      if (peer.isMain) this.channel.toSocket(peer.socketId, MediaServerEvent.Quality, { conferenceId, sites });
    }
  }

  private async measure(room: Room, peer: Peer): Promise<SiteQuality> {
    const producers = [...peer.producers.values()];
    const flowing = [...peer.consumers.values()].filter((c) => c.flowing && !c.consumer.closed);
    const [inbound, outbound] = await Promise.all([
      Promise.all(producers.map(async (p) => ({ producer: p, stats: await statsOf(p, 'inbound-rtp') }))),
      Promise.all(flowing.map(async (c) => statsOf(c.consumer, 'outbound-rtp'))),
    ]);
    const uplink = inbound.flatMap((i) => i.stats);
    const downlink = outbound.flat();
    const rtts = [...downlink, ...uplink].map((s) => s.roundTripTime).filter((r): r is number => typeof r === 'number' && r > 0);
    const jitters = inbound.flatMap(({ producer, stats }) => {
      const clockRate = producer.rtpParameters.codecs[0]?.clockRate ?? 90000;
      return stats.map((s) => (s.jitter * 1000) / clockRate);
    });
    const sample: LinkSample = {
      uplinkLoss: max(uplink.map((s) => s.fractionLost / 256)),
      downlinkLoss: max(downlink.map((s) => s.fractionLost / 256)),
      rttMs: rtts.length ? Math.round(max(rtts)) : null,
    };
    const next = nextLinkState(peer.link, sample);
    if (!sameLink(next, peer.link)) {
      this.log.log(`site ${peer.siteId}: downlink → ${next.audioOnly ? 'audio only' : `max layer ${next.maxSpatialLayer}`}`);
      await room.applyLink(peer, next);
    } else {
      peer.link = next;
    }
    const layers = flowing
      .filter((c) => c.consumer.kind === 'video')
      .map((c) => (c.consumer.type === 'simple' ? 0 : c.consumer.currentLayers?.spatialLayer))
      .filter((l): l is number => typeof l === 'number');
    return {
      siteId: peer.siteId,
      inboundBitrate: Math.round(sum(uplink.map((s) => s.bitrate))),
      outboundBitrate: Math.round(sum(downlink.map((s) => s.bitrate))),
      uplinkLoss: round3(sample.uplinkLoss),
      downlinkLoss: round3(sample.downlinkLoss),
      rttMs: sample.rttMs,
      jitterMs: Math.round(max(jitters) * 10) / 10,
      spatialLayer: layers.length ? Math.max(...layers) : null,
      maxSpatialLayer: peer.link.maxSpatialLayer,
      poor: isPoor(sample),
      audioOnly: peer.link.audioOnly,
      at: new Date().toISOString(),
    };
  }
}

/**
 * Sites measured at once. Firing every site's stats requests together queued thousands of requests in
 * the worker's channel every pass in a 1 000-site conference, delaying joins and floor switches behind them.
 */
const STATS_IN_FLIGHT = 16;

async function mapWithLimit<T, R>(items: T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

async function statsOf(object: mediasoup.types.Producer | mediasoup.types.Consumer, type: 'inbound-rtp' | 'outbound-rtp'): Promise<RtpStats[]> {
  if (object.closed) return [];
  try {
    return ((await object.getStats()) as RtpStats[]).filter((s) => s.type === type);
  } catch {
    return []; // closed in the meantime
  }
}

const sum = (values: number[]) => values.reduce((a, b) => a + (Number.isFinite(b) ? b : 0), 0);
const max = (values: number[]) => values.reduce((a, b) => (Number.isFinite(b) && b > a ? b : a), 0);
const round3 = (value: number) => Math.round(value * 1000) / 1000;
