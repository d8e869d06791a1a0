import {
  effectiveSpatialLayer, initialLinkState, isPoor, LinkSample, LinkState, MAX_SPATIAL_LAYER, nextLinkState, RECOVERY_SAMPLES,
} from './quality-policy';

const good: LinkSample = { downlinkLoss: 0, uplinkLoss: 0, rttMs: 40 };
const lossy: LinkSample = { downlinkLoss: 0.08, uplinkLoss: 0, rttMs: 40 };
const slow: LinkSample = { downlinkLoss: 0, uplinkLoss: 0, rttMs: 600 };
const terrible: LinkSample = { downlinkLoss: 0.3, uplinkLoss: 0, rttMs: 40 };

const run = (state: LinkState, samples: LinkSample[]) => samples.reduce(nextLinkState, state);

describe('quality policy', () => {
  it('flags loss over 5 % (either direction) or RTT over 400 ms as poor', () => {
    expect(isPoor(good)).toBe(false);
    expect(isPoor(lossy)).toBe(true);
    expect(isPoor(slow)).toBe(true);
    expect(isPoor({ downlinkLoss: 0, uplinkLoss: 0.06, rttMs: null })).toBe(true);
    expect(isPoor({ downlinkLoss: 0.05, uplinkLoss: 0.05, rttMs: 400 })).toBe(false);
  });

  it('drops one simulcast layer per poor sample, down to 0', () => {
    expect(run(initialLinkState(), [lossy]).maxSpatialLayer).toBe(MAX_SPATIAL_LAYER - 1);
    expect(run(initialLinkState(), [slow, slow]).maxSpatialLayer).toBe(MAX_SPATIAL_LAYER - 2);
    expect(run(initialLinkState(), [lossy, lossy, lossy, lossy]).maxSpatialLayer).toBe(0);
  });

  it('does not react to uplink loss (the sender adapts)', () => {
    expect(run(initialLinkState(), [{ downlinkLoss: 0, uplinkLoss: 0.5, rttMs: 30 }])).toMatchObject({ maxSpatialLayer: MAX_SPATIAL_LAYER, audioOnly: false });
  });

  it('falls back to audio only over 20 % loss and recovers step by step', () => {
    const audioOnly = run(initialLinkState(), [terrible]);
    expect(audioOnly).toMatchObject({ audioOnly: true, maxSpatialLayer: 0 });
    // Still lossy (but under 20 %): stays audio-only.
    expect(run(audioOnly, [lossy, lossy, lossy]).audioOnly).toBe(true);
    const videoBack = run(audioOnly, Array(RECOVERY_SAMPLES).fill(good));
    expect(videoBack).toMatchObject({ audioOnly: false, maxSpatialLayer: 0 });
    const oneUp = run(videoBack, Array(RECOVERY_SAMPLES).fill(good));
    expect(oneUp.maxSpatialLayer).toBe(1);
    const full = run(oneUp, Array(RECOVERY_SAMPLES * 5).fill(good));
    expect(full).toMatchObject({ audioOnly: false, maxSpatialLayer: MAX_SPATIAL_LAYER });
  });

  it('a poor sample resets the recovery count', () => {
    const down = run(initialLinkState(), [lossy]);
    expect(run(down, [good, good, lossy, good, good]).maxSpatialLayer).toBe(MAX_SPATIAL_LAYER - 2);
  });

  it('caps the layer a client asks for by the link', () => {
    expect(effectiveSpatialLayer(null, initialLinkState())).toBe(MAX_SPATIAL_LAYER);
    expect(effectiveSpatialLayer(0, initialLinkState())).toBe(0);
    expect(effectiveSpatialLayer(2, { maxSpatialLayer: 1, audioOnly: false, goodSamples: 0 })).toBe(1);
  });
});
