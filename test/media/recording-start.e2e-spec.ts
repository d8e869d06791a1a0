// Issue #8's recording flake: "the Chromium recording test found a 746-byte file". The cause: the recorder
// resumed its consumers 300 ms after spawning ffmpeg whether or not ffmpeg listened yet (a busy host loses
// the packets and the key frame the resume asked for), requested key frames on a fixed schedule, and
// reported "recording" before ffmpeg had finished probing its input; a stop within that probe (about two
// seconds, longer without a key frame) cut ffmpeg before it wrote anything but the WebM headers.
// Here the camera sends a key frame only every two seconds (an encoder that ignores PLI), and in the
// second case ffmpeg also starts a second late (as on a loaded machine): a recording stopped the moment
// it has started must still hold video frames. (Before the fix: an empty file in the first case, none in
// the second; stopped a little later, within ffmpeg's probe, a file of WebM headers only — the 746 bytes.)
import { MediaClientEvent } from '@hoinghi/contracts';
import { ChildProcess, execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, ok } from '../support/media-harness';

describe.each([
  ['ffmpeg starts at once', 41030, false],
  ['ffmpeg starts a second late', 41040, true],
])('starting a recording when %s', (_case, rtcPort, slow) => {
  let media: MediaHarness;
  let dir: string;
  const ffmpegs: ChildProcess[] = [];
  const conferenceId = randomUUID();
  let hall: MediaClient;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hoinghi-recording-start-'));
    let ffmpegPath = '/usr/bin/ffmpeg';
    if (slow) {
      ffmpegPath = join(dir, 'slow-ffmpeg.sh');
      writeFileSync(ffmpegPath, '#!/bin/sh\nsleep 1\nexec /usr/bin/ffmpeg "$@"\n');
      chmodSync(ffmpegPath, 0o755);
    }
    media = await MediaHarness.start({
      MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(rtcPort), MEDIA_ALLOW_PLAIN_RTP: '1', MEDIA_RECORDINGS_DIR: join(dir, 'recordings'), MEDIA_FFMPEG: ffmpegPath,
    });
    hall = await media.connect(media.token({ cid: conferenceId, sid: 'hall', main: true }));
    await ok(hall, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    let ssrc = 20_000;
    for (const kind of ['video', 'audio'] as const) {
      const transport = await ok(hall, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
      if (transport.type !== 'plain') throw new Error('expected a plain transport');
      await ok(hall, MediaClientEvent.Produce, { transportId: transport.id, kind, rtpParameters: ffmpegRtpParameters(kind, ++ssrc) });
      ffmpegs.push(ffmpegRtp(kind, transport, { ssrc, payloadType: kind === 'video' ? 101 : 100, seconds: 40, gop: 30 }));
    }
  });

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    await media?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('reports recording only once ffmpeg writes video, so an immediate stop still leaves frames in the file', async () => {
    const started = await ok(hall, MediaClientEvent.StartRecording, {});
    const stopped = await ok(hall, MediaClientEvent.StopRecording, {});
    expect(stopped.recording.active).toBe(false);
    const file = join(dir, 'recordings', conferenceId, started.recording.file!);
    expect(statSync(file).size).toBeGreaterThan(2_000);
    const videoPackets = execFileSync('/usr/bin/ffprobe', [
      '-v', 'error', '-select_streams', 'v:0', '-count_packets', '-show_entries', 'stream=codec_name,width,nb_read_packets', '-of', 'csv=p=0', file,
    ]).toString().trim();
    const [codec, width, packets] = videoPackets.split(',');
    expect(codec).toBe('vp8');
    expect(Number(width)).toBe(320);
    expect(Number(packets)).toBeGreaterThan(0);
  });
});
