import { Logger } from '@nestjs/common';
import { notFound } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import type { PlacedRouter } from '../workers/worker-pool.service';
import type { RouterSlot } from './peer';

type Producer = mediasoup.types.Producer;
type ActiveSpeakerObserver = mediasoup.types.ActiveSpeakerObserver;

/** Where a producer lives: the router of its publisher's transport. */
export interface ProducerHome {
  producer: Producer;
  siteId: string;
  slot: RouterSlot;
}

export interface RoomRoutersDeps {
  maxPeersPerRouter: number;
  /** A new router for this conference, preferably on a worker not in `avoid`. */
  placeRouter(conferenceId: string, avoid: ReadonlySet<number>): Promise<PlacedRouter>;
  /** The dominant speaker changed (heard on the primary router). */
  onDominantSpeaker(home: ProducerHome): void;
}

/**
 * A conference's routers, in one place: placement over workers, where each producer lives, and the
 * pipes between routers.
 *
 * A router takes `maxPeersPerRouter` connections; further ones get a router on another worker (slot). A
 * producer lives on its connection's slot and is piped (router.pipeToRouter, one PipeTransport pair per
 * router pair, shared by all producers) to another slot the first time a connection there consumes it.
 * Audio is also piped to the primary slot, whose ActiveSpeakerObserver therefore hears everyone.
 */
export class RoomRouters {
  private slots: RouterSlot[] = [];
  private pendingSlot: Promise<RouterSlot> | null = null;
  private speakerObserver: ActiveSpeakerObserver | null = null;
  private readonly homes = new Map<string, ProducerHome>();
  /** `${producerId}>${routerId}` → the pipe in progress or done. */
  private readonly pipes = new Map<string, Promise<void>>();

  constructor(
    private readonly conferenceId: string,
    private readonly deps: RoomRoutersDeps,
    private readonly log: Logger,
  ) {}

  /** The first router: the active speaker observer and the recorder live here. */
  get primary(): RouterSlot {
    return this.slots[0];
  }

  get count(): number {
    return this.slots.length;
  }

  workerIndexes(): Set<number> {
    return new Set(this.slots.map((s) => s.workerIndex));
  }

  async openPrimary(): Promise<void> {
    const placed = await this.deps.placeRouter(this.conferenceId, new Set());
    const slot: RouterSlot = { ...placed, peers: new Set() };
    this.slots = [slot];
    const observer = await slot.router.createActiveSpeakerObserver({ interval: 300 });
    observer.on('dominantspeaker', ({ producer }) => {
      const home = this.homes.get(producer.id);
      if (home) this.deps.onDominantSpeaker(home);
    });
    this.speakerObserver = observer;
  }

  /** The first router with room, else a new one on another worker (one at a time). */
  async slotForNewPeer(): Promise<RouterSlot> {
    const max = this.deps.maxPeersPerRouter;
    for (;;) {
      const free = this.slots.find((s) => s.peers.size < max && !s.router.closed);
      if (free) return free;
      if (!this.pendingSlot) {
        this.pendingSlot = this.deps.placeRouter(this.conferenceId, this.workerIndexes()).then((placed) => {
          const slot: RouterSlot = { ...placed, peers: new Set() };
          this.slots.push(slot);
          this.log.log(`router ${this.slots.length} on worker #${placed.workerIndex} (more than ${max} connections per router)`);
          return slot;
        });
        this.pendingSlot.finally(() => (this.pendingSlot = null)).catch(() => undefined);
      }
      const slot = await this.pendingSlot;
      if (slot.peers.size < max) return slot;
    }
  }

  /** Closes an extra router once no connection uses it (never the primary). */
  releaseIfEmpty(slot: RouterSlot): void {
    if (slot === this.primary || slot.peers.size > 0 || !this.slots.includes(slot)) return;
    this.slots = this.slots.filter((s) => s !== slot);
    for (const key of this.pipes.keys()) if (key.endsWith(`>${slot.router.id}`)) this.pipes.delete(key);
    slot.router.close(); // closes its pipe transports, and with them the piped producers elsewhere
  }

  addProducer(producer: Producer, siteId: string, slot: RouterSlot): void {
    this.homes.set(producer.id, { producer, siteId, slot });
    if (producer.kind === 'audio') void this.observeSpeaker(producer);
  }

  removeProducer(producer: Producer): void {
    if (this.homes.get(producer.id)?.producer === producer) this.homes.delete(producer.id);
    for (const key of this.pipes.keys()) if (key.startsWith(`${producer.id}>`)) this.pipes.delete(key);
  }

  home(producerId: string): ProducerHome | undefined {
    return this.homes.get(producerId);
  }

  allHomes(): IterableIterator<ProducerHome> {
    return this.homes.values();
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

  /** Closes every router (a rebuild or the room's end); what hung on them closes with them. */
  closeAll(): void {
    for (const slot of this.slots) slot.router.close();
    this.slots = [];
    this.speakerObserver = null;
    this.homes.clear();
    this.pipes.clear();
    this.pendingSlot = null;
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
}
