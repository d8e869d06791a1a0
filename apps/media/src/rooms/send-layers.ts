import { MAX_SPATIAL_LAYER } from '../quality/quality-policy';

// Send layers ("dynacast"): a camera encodes and uploads only the simulcast layers somebody receives. A
// district that is neither on the programme nor large on the main hall's wall sends its thumbnail layer
// only (measured in Chromium: 148 instead of 1,260 kbit/s), which spares a commune's uplink and a phone's
// CPU (docs/benchmarks.md, "Send layers").

/** What decides one camera's send layer. */
export interface SendDemand {
  /** On the programme (the main hall, the floor holder): every site shows it in full. */
  onAir: boolean;
  /** A warm next speaker: on the programme at the next grant. */
  warm: boolean;
  /** The spatial layers its consumers on this gateway get while they flow. */
  flowing: Iterable<number>;
  /** What each other gateway that pipes it asked for (MAX_SPATIAL_LAYER until it says). */
  piped: Iterable<number>;
}

/**
 * The highest spatial layer anyone receives, never below the lowest (the main hall sees every site, and
 * the quality monitor needs packets to judge an uplink). On air, the top at once: the grant must not wait
 * for the consumers' layers to be raised one by one. A warm next speaker sends the top too, though the
 * sites get only its lowest until the grant: a browser that has sent only its lowest layer for a while
 * restarts the others slowly, its bandwidth estimate having fallen to what it sent (measured in Chromium:
 * the top layer back at the gateway 1.0–1.4 s after the grant, a district's consumer on it after 2.5–5.5 s,
 * against ≈ 0.2 s from an encoder that kept sending it).
 */
export function sendLayer(demand: SendDemand): number {
  if (demand.onAir || demand.warm) return MAX_SPATIAL_LAYER;
  let layer = 0;
  for (const wanted of demand.flowing) layer = Math.max(layer, wanted);
  for (const wanted of demand.piped) layer = Math.max(layer, wanted);
  return Math.min(layer, MAX_SPATIAL_LAYER);
}

/**
 * Which cameras' send layers may have changed: marked as things change, worked out together once per
 * turn of the event loop (a grant or a join storm changes many consumers at once), told only when
 * different. Up at once; down only once the lower layer has held for `holdMs` (MEDIA_SEND_LAYERS_HOLD_MS).
 */
export class SendLayerTracker {
  private readonly dirty = new Set<string>();
  private readonly told = new Map<string, number>();
  /** Cameras whose layer may go down once the hold is over. */
  private readonly lowering = new Map<string, NodeJS.Timeout>();
  private scheduled = false;

  constructor(
    /** The layer a producer should send now, or null when it is not a layered camera of this room any more. */
    private readonly decide: (producerId: string) => number | null,
    /** Tells whoever encodes it (the site's publisher, or the gateway it is piped from). */
    private readonly tell: (producerId: string, layer: number) => void,
    private readonly holdMs: number,
  ) {}

  /** The producer's demand may have changed: worked out on the next turn. */
  mark(producerId: string): void {
    this.dirty.add(producerId);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  /** Works out and tells the marked producers now (a grant: before the consumers are regated). */
  flush(): void {
    for (const producerId of this.dirty) {
      this.dirty.delete(producerId);
      this.settle(producerId, false);
    }
  }

  /** A producer closed, or its encoder started over (a new Produce): nothing told to it holds. */
  forget(producerId: string): void {
    this.told.delete(producerId);
    this.dirty.delete(producerId);
    this.stopLowering(producerId);
  }

  private settle(producerId: string, held: boolean): void {
    const layer = this.decide(producerId);
    if (layer === null) {
      this.forget(producerId);
      return;
    }
    const told = this.told.get(producerId);
    if (told === layer) {
      this.stopLowering(producerId);
      return;
    }
    if (told !== undefined && layer < told && !held && this.holdMs > 0) {
      if (!this.lowering.has(producerId)) {
        const timer = setTimeout(() => {
          this.lowering.delete(producerId);
          this.settle(producerId, true);
        }, this.holdMs);
        timer.unref(); // a closing gateway does not wait for it
        this.lowering.set(producerId, timer);
      }
      return;
    }
    this.stopLowering(producerId);
    this.told.set(producerId, layer);
    this.tell(producerId, layer);
  }

  private stopLowering(producerId: string): void {
    clearTimeout(this.lowering.get(producerId));
    this.lowering.delete(producerId);
  }
}
