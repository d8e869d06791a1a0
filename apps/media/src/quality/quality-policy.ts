// The per-site link decisions, as plain functions so they are tested without mediasoup.

/** Sites publish three simulcast layers (0 = lowest); mediasoup clamps to what the producer has. */
export const MAX_SPATIAL_LAYER = 2;

export const POOR_LOSS = 0.05;
export const POOR_RTT_MS = 400;
export const AUDIO_ONLY_LOSS = 0.2;
/** Good samples in a row before a site gets one step back (a layer, or video after audio-only). */
export const RECOVERY_SAMPLES = 3;

/** What the gateway currently allows a site's downlink. */
export interface LinkState {
  maxSpatialLayer: number;
  audioOnly: boolean;
  goodSamples: number;
}

export const initialLinkState = (): LinkState => ({ maxSpatialLayer: MAX_SPATIAL_LAYER, audioOnly: false, goodSamples: 0 });

export interface LinkSample {
  /** Loss the site reports for what it receives (receiver reports of its consumers), 0…1. */
  downlinkLoss: number;
  /** Loss on what the site sends, 0…1. */
  uplinkLoss: number;
  rttMs: number | null;
}

export const isPoor = (s: LinkSample): boolean =>
  s.downlinkLoss > POOR_LOSS || s.uplinkLoss > POOR_LOSS || (s.rttMs !== null && s.rttMs > POOR_RTT_MS);

/**
 * One step of the downlink policy: a poor downlink drops one simulcast layer per sample, a very lossy
 * one falls back to audio only; recovery is slower (RECOVERY_SAMPLES good samples per step) so a
 * flapping link does not oscillate. Uplink loss is only reported: the sender's encoder adapts itself.
 */
export function nextLinkState(state: LinkState, sample: LinkSample): LinkState {
  const downlinkPoor = sample.downlinkLoss > POOR_LOSS || (sample.rttMs !== null && sample.rttMs > POOR_RTT_MS);
  if (sample.downlinkLoss > AUDIO_ONLY_LOSS) return { maxSpatialLayer: 0, audioOnly: true, goodSamples: 0 };
  if (downlinkPoor) return { maxSpatialLayer: Math.max(0, state.maxSpatialLayer - 1), audioOnly: state.audioOnly, goodSamples: 0 };
  const goodSamples = state.goodSamples + 1;
  if (goodSamples < RECOVERY_SAMPLES) return { ...state, goodSamples };
  if (state.audioOnly) return { maxSpatialLayer: 0, audioOnly: false, goodSamples: 0 };
  if (state.maxSpatialLayer < MAX_SPATIAL_LAYER) return { maxSpatialLayer: state.maxSpatialLayer + 1, audioOnly: false, goodSamples: 0 };
  return { ...state, goodSamples: RECOVERY_SAMPLES };
}

export const sameLink = (a: LinkState, b: LinkState): boolean => a.maxSpatialLayer === b.maxSpatialLayer && a.audioOnly === b.audioOnly;

/** The layer a consumer should get: what the client asked for, capped by the link. */
export const effectiveSpatialLayer = (requested: number | null, link: LinkState): number =>
  Math.min(requested ?? MAX_SPATIAL_LAYER, link.maxSpatialLayer);
