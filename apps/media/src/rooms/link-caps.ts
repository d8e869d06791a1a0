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

/** Applies the wish under the link's cap to a layered consumer (no-op when nothing changes). */
export async function applyLayers(viewer: Peer, entry: PeerConsumer): Promise<void> {
  const { consumer } = entry;
  if (consumer.closed || (consumer.type !== 'simulcast' && consumer.type !== 'svc')) return;
  const spatialLayer = effectiveSpatialLayer(entry.requestedSpatialLayer, viewer.link);
  const temporalLayer = entry.requestedTemporalLayer ?? undefined;
  const current = consumer.preferredLayers;
  if (current && current.spatialLayer === spatialLayer && (temporalLayer === undefined || current.temporalLayer === temporalLayer)) return;
  await consumer.setPreferredLayers({ spatialLayer, temporalLayer });
}
