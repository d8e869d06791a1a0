import { invalid } from '@hoinghi/domain';
import { effectiveSpatialLayer } from '../quality/quality-policy';
import type { Peer, PeerConsumer } from './peer';

// Link caps: the simulcast layers a consumer gets, the client's wish (SetPreferredLayers) capped by
// what the quality policy allows on the viewer's downlink.

/** Records the client's SetPreferredLayers. */
export function requestLayers(entry: PeerConsumer, spatialLayer: number, temporalLayer: number | null): void {
  if (!Number.isInteger(spatialLayer) || spatialLayer < 0 || (temporalLayer !== null && (!Number.isInteger(temporalLayer) || temporalLayer < 0))) {
    throw invalid('VALIDATION_FAILED', 'must be whole numbers ≥ 0 (temporalLayer may be null)', 'spatialLayer');
  }
  entry.requestedSpatialLayer = spatialLayer;
  entry.requestedTemporalLayer = temporalLayer;
}

/**
 * Applies the wish under the link's cap to a layered consumer (no-op when nothing changes). A warm next
 * speaker (`standby`) gets the lowest spatial layer at its full frame rate (every temporal layer) until the
 * grant raises it: mediasoup then asks for a key frame of the higher layer and keeps sending the lowest
 * meanwhile, at the temporal layer it had. At temporal layer 0 (a quarter of the frame rate: 5 fps from a
 * 20 fps camera) the district's first new picture waited up to 200 ms for the next frame, and was most often
 * the full layer's key frame; at the full rate it comes within 50 ms (about 140 instead of 48 kbit/s a site).
 */
export async function applyLayers(viewer: Peer, entry: PeerConsumer, standby: boolean): Promise<void> {
  const { consumer } = entry;
  if (consumer.closed || (consumer.type !== 'simulcast' && consumer.type !== 'svc')) return;
  const spatialLayer = standby ? 0 : effectiveSpatialLayer(entry.requestedSpatialLayer, viewer.link);
  const temporalLayer = standby ? undefined : entry.requestedTemporalLayer ?? undefined;
  const current = consumer.preferredLayers;
  const same = current && current.spatialLayer === spatialLayer && (temporalLayer === undefined || current.temporalLayer === temporalLayer);
  if (same && standby === entry.standby) return;
  entry.standby = standby;
  await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
}
