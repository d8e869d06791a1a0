/** One simulcast layer of the camera, as mediasoup-client's `encodings` take it. */
export interface CameraLayer {
  scaleResolutionDownBy: number;
  maxBitrate: number;
}

/**
 * Simulcast layers that fit the camera actually captured, lowest first. Chromium sends no layer smaller
 * than it finds worth encoding (a 640×480 camera never sends a third, 160×120 layer), and a layer that is
 * asked for but never sent leaves the gateway waiting for it: so ask only for what will come. The full
 * resolution is the top layer, each lower one half as high, down to about 180 lines:
 * 720 lines or more → 3 layers (÷4, ÷2, ÷1); 360–719 → 2 (÷2, ÷1); below 360 → 1.
 */
export function cameraEncodings(capturedHeight: number | undefined): CameraLayer[] {
  const height = capturedHeight && capturedHeight > 0 ? capturedHeight : 720; // unknown: what we asked getUserMedia for
  const layers = height >= 720 ? 3 : height >= 360 ? 2 : 1;
  return Array.from({ length: layers }, (_, i) => {
    const scaleResolutionDownBy = 2 ** (layers - 1 - i);
    return { scaleResolutionDownBy, maxBitrate: bitrateFor(height / scaleResolutionDownBy) };
  });
}

/**
 * The simulcast layer worth receiving for a player `pixels` high on the screen (device pixels): the lowest
 * whose lines cover it with a quarter to spare (a 720p camera's layers have 180, 360 and 720 lines). The
 * main hall's wall of small tiles asks for the lowest, so those sites' cameras encode only that one
 * (MediaServerEvent.SendLayers).
 */
export function layerForHeight(pixels: number): number {
  if (pixels <= 180 * 1.25) return 0;
  if (pixels <= 360 * 1.25) return 1;
  return 2;
}

/** About 150 kbit/s for 180 lines, 500 kbit/s for 360, 1.2 Mbit/s for 720 and more. */
function bitrateFor(lines: number): number {
  if (lines <= 270) return 150_000;
  if (lines <= 540) return 500_000;
  return 1_200_000;
}
