import { cameraEncodings, layerForHeight } from './camera-encodings';

describe('cameraEncodings', () => {
  it('sends three layers from a 720p camera, as before', () => {
    expect(cameraEncodings(720)).toEqual([
      { scaleResolutionDownBy: 4, maxBitrate: 150_000 },
      { scaleResolutionDownBy: 2, maxBitrate: 500_000 },
      { scaleResolutionDownBy: 1, maxBitrate: 1_200_000 },
    ]);
    expect(cameraEncodings(1080)).toHaveLength(3);
  });

  it('never asks a 640×480 camera for the third layer Chromium would not send', () => {
    expect(cameraEncodings(480)).toEqual([
      { scaleResolutionDownBy: 2, maxBitrate: 150_000 }, // 240 lines
      { scaleResolutionDownBy: 1, maxBitrate: 500_000 }, // 480 lines
    ]);
  });

  it('sends one layer from a small camera, and assumes 720p when the size is unknown', () => {
    expect(cameraEncodings(240)).toEqual([{ scaleResolutionDownBy: 1, maxBitrate: 150_000 }]);
    expect(cameraEncodings(undefined)).toHaveLength(3);
  });
});

describe('layerForHeight', () => {
  it('receives the lowest layer for a small tile, the middle up to 450 pixels, the top above', () => {
    expect([0, 120, 225, 226, 450, 451, 1080].map(layerForHeight)).toEqual([0, 0, 0, 1, 1, 2, 2]);
  });
});
