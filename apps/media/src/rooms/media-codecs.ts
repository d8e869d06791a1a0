import * as mediasoup from 'mediasoup';

/**
 * What every conference router speaks: Opus, VP8 (sites publish VP8 simulcast) and H264 for devices
 * that only encode H264 (consumers of an H264 producer must support it too; mediasoup does not transcode).
 */
export const MEDIA_CODECS: mediasoup.types.RouterRtpCodecCapability[] = [
  { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
  { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 800 } },
  {
    kind: 'video',
    mimeType: 'video/H264',
    clockRate: 90000,
    parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1 },
  },
];
