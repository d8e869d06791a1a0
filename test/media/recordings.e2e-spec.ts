// Recordings played and downloaded from the chair's console (#12): the meeting service lists a conference's
// recorded files and streams each one from the media gateway that keeps them, range requests included
// (206), so a <video> element seeks; the chairs and the secretariat only. A real short recording: the
// hall's test pattern and tone (ffmpeg over plain RTP) through mediasoup into the recorder's WebM.
import { MediaClientEvent, type ErrorResponse, type RecordingLink, type RecordingsResponse } from '@hoinghi/contracts';
import { ChildProcess, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ffmpegRtp, ffmpegRtpParameters, MediaClient, MediaHarness, meetingServiceToken, ok, serviceToken, sleep, TEST_MEDIA_SECRET,
} from '../support/media-harness';
import { Api, MeetingHarness } from '../support/meeting-harness';

const RTC_PORT = 41310;

describe('recordings through the meeting service', () => {
  let dir: string;
  let media: MediaHarness;
  let meeting: MeetingHarness;
  let chair: Api;
  let operators: Api[];
  let secretary: Api;
  let secretaryParticipantId: string;
  let delegate: Api;
  let conferenceId: string;
  let hall: MediaClient;
  let file: string; // the finished recording
  let onDisk: Buffer;
  const ffmpegs: ChildProcess[] = [];
  const run = `rec${Date.now().toString(36)}`;
  const path = (name = file) => `/conferences/${conferenceId}/recordings/${encodeURIComponent(name)}`;
  /** A raw request to the meeting service (the body as bytes). */
  const raw = async (url: string, headers: Record<string, string> = {}) => {
    const response = await fetch(url.startsWith('http') ? url : `${meeting.url}${url}`, { headers });
    return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
  };
  const bearer = (api: Api) => ({ authorization: `Bearer ${api.token}` });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'hoinghi-recordings-'));
    media = await MediaHarness.start({
      MEDIA_WORKERS: '1', MEDIA_RTC_PORT: String(RTC_PORT), MEDIA_ALLOW_PLAIN_RTP: '1', MEDIA_RECORDINGS_DIR: join(dir, 'recordings'),
    });
    meeting = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET, mediaInternalUrl: media.url });
    let snapshot;
    ({ chair, operators, snapshot } = await meeting.liveConference(run, ['Thành phố Sa Đéc']));
    conferenceId = snapshot.conference.id;
    const convened = await meeting.convene(chair, conferenceId, `${run}.thuky`, 'Thư ký hội nghị', 'secretary');
    secretary = convened.api;
    secretaryParticipantId = convened.participant.id;
    delegate = (await meeting.convene(chair, conferenceId, `${run}.daibieu`, 'Đại biểu Sa Đéc', 'delegate', snapshot.sites[1].id)).api;

    // The hall publishes a test pattern and a tone; about three seconds are recorded.
    hall = await media.connect(media.token({ cid: conferenceId, sid: snapshot.sites[0].id, main: true }));
    await ok(hall, MediaClientEvent.Join, { conferenceId, role: 'publisher' });
    let ssrc = 30_000;
    for (const kind of ['video', 'audio'] as const) {
      const transport = await ok(hall, MediaClientEvent.CreateTransport, { direction: 'send', type: 'plain' });
      if (transport.type !== 'plain') throw new Error('expected a plain transport');
      await ok(hall, MediaClientEvent.Produce, { transportId: transport.id, kind, rtpParameters: ffmpegRtpParameters(kind, ++ssrc) });
      ffmpegs.push(ffmpegRtp(kind, transport, { ssrc, payloadType: kind === 'video' ? 101 : 100, seconds: 60, gop: 15 }));
    }
    const started = await ok(hall, MediaClientEvent.StartRecording, {});
    await sleep(3000);
    await ok(hall, MediaClientEvent.StopRecording, {});
    file = started.recording.file!;
    onDisk = readFileSync(join(dir, 'recordings', conferenceId, file));
  });

  afterAll(async () => {
    for (const ffmpeg of ffmpegs) ffmpeg.kill('SIGKILL');
    await meeting?.stop();
    await media?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the recordings to the chair and the secretary; 403 to a district operator and a delegate, 404 for an unknown conference', async () => {
    for (const who of [chair, secretary]) {
      const list = await who.get<RecordingsResponse>(`/conferences/${conferenceId}/recordings`);
      expect(list.status).toBe(200);
      expect(list.body).toEqual({
        recording: { conferenceId, active: false, file: null, startedAt: null },
        files: [{ file, bytes: onDisk.length, modifiedAt: expect.any(String), active: false }],
      });
    }
    for (const who of [operators[1], delegate]) {
      const refused = await who.get<ErrorResponse>(`/conferences/${conferenceId}/recordings`);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('ROLE_FORBIDDEN');
    }
    const unknown = await chair.get<ErrorResponse>('/conferences/00000000-0000-4000-8000-000000000000/recordings');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toBe('CONFERENCE_NOT_FOUND');
    expect((await new Api(meeting.url).get(`/conferences/${conferenceId}/recordings`)).status).toBe(401);
  });

  it('streams the file whole and by byte range (206), the same bytes as the gateway wrote, a playable WebM', async () => {
    expect(onDisk.length).toBeGreaterThan(5_000);
    const whole = await raw(`/api${path()}`, bearer(chair));
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/webm');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Number(whole.headers.get('content-length'))).toBe(onDisk.length);
    expect(whole.body.equals(onDisk)).toBe(true);
    const copy = join(dir, 'downloaded.webm');
    writeFileSync(copy, whole.body);
    const streams = execFileSync('/usr/bin/ffprobe', ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', copy]).toString().trim().split('\n');
    expect(streams).toEqual(['vp8', 'opus']);

    // What a <video> element asks when it seeks.
    const middle = await raw(`/api${path()}`, { ...bearer(chair), range: 'bytes=1000-2999' });
    expect(middle.status).toBe(206);
    expect(middle.headers.get('content-range')).toBe(`bytes 1000-2999/${onDisk.length}`);
    expect(middle.body.equals(onDisk.subarray(1000, 3000))).toBe(true);
    const rest = await raw(`/api${path()}`, { ...bearer(secretary), range: 'bytes=4000-' });
    expect(rest.status).toBe(206);
    expect(rest.body.equals(onDisk.subarray(4000))).toBe(true);
    const beyond = await raw(`/api${path()}`, { ...bearer(chair), range: `bytes=${onDisk.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${onDisk.length}`);
  });

  it('plays and downloads through a link without a header; the link is for its file only, and its holder\'s role is checked on every request', async () => {
    const link = await secretary.post<RecordingLink>(`/conferences/${conferenceId}/recordings/${encodeURIComponent(file)}/link`);
    expect(link.status).toBe(200);
    expect(link.body).toEqual({ file, url: expect.stringMatching(/^\/api\/conferences\/.+\?token=/), downloadUrl: `${link.body.url}&download=1`, expiresAt: expect.any(String) });
    const seek = await raw(link.body.url, { range: 'bytes=0-99' });
    expect(seek.status).toBe(206);
    expect(seek.body.equals(onDisk.subarray(0, 100))).toBe(true);
    const saved = await raw(link.body.downloadUrl);
    expect(saved.status).toBe(200);
    expect(saved.headers.get('content-disposition')).toBe(`attachment; filename="${file}"`);
    expect(saved.body.length).toBe(onDisk.length);

    // Another file or conference with this link's token: refused.
    const token = new URL(link.body.url, meeting.url).searchParams.get('token')!;
    expect((await raw(`/api${path('2026-01-01T00-00-00-000Z.webm')}?token=${token}`)).status).toBe(401);
    expect((await raw(`/api/conferences/00000000-0000-4000-8000-000000000000/recordings/${file}?token=${token}`)).status).toBe(401);
    expect((await raw(`/api${path()}?token=${token}x`)).status).toBe(401);

    // Nobody else gets a link; a district operator's or a delegate's own sign-in does not open the file.
    for (const who of [operators[1], delegate]) {
      expect((await who.post(`/conferences/${conferenceId}/recordings/${encodeURIComponent(file)}/link`)).status).toBe(403);
      expect((await raw(`/api${path()}`, bearer(who))).status).toBe(403);
    }
    expect((await raw(`/api${path()}`)).status).toBe(401);

    // The secretary leaves the conference: the link made before stops working at once.
    expect((await chair.delete(`/conferences/${conferenceId}/participants/${secretaryParticipantId}`)).status).toBe(204);
    const after = await raw(link.body.url, { range: 'bytes=0-99' });
    expect(after.status).toBe(403);
  });

  it('404 for a file the conference does not have (or a name that leaves its directory); 409 while a file is still being written', async () => {
    for (const name of ['2026-01-01T00-00-00-000Z.webm', '../../etc/passwd', `.${file}.sdp`]) {
      const missing = await raw(`/api${path(name)}`, bearer(chair));
      expect({ name, status: missing.status }).toEqual({ name, status: 404 });
      expect(JSON.parse(missing.body.toString())).toMatchObject({ error: 'RECORDING_NOT_FOUND' });
    }
    const started = await ok(hall, MediaClientEvent.StartRecording, {});
    try {
      const listed = await chair.get<RecordingsResponse>(`/conferences/${conferenceId}/recordings`);
      expect(listed.body.recording).toMatchObject({ active: true, file: started.recording.file });
      expect(listed.body.files.find((f) => f.file === started.recording.file)).toMatchObject({ active: true });
      const busy = await raw(`/api${path(started.recording.file!)}`, bearer(chair));
      expect(busy.status).toBe(409);
      expect(JSON.parse(busy.body.toString())).toMatchObject({ error: 'RECORDING_IN_PROGRESS' });
    } finally {
      await ok(hall, MediaClientEvent.StopRecording, {});
    }
    expect((await raw(`/api${path(started.recording.file!)}`, { ...bearer(chair), range: 'bytes=0-9' })).status).toBe(206);
  });

  it('the gateway\'s internal routes answer the meeting service\'s token only; a gateway that does not answer is a 503', async () => {
    const internal = (authorization?: string) =>
      fetch(`${media.url}/api/internal/conferences/${conferenceId}/recordings`, { headers: authorization ? { authorization } : {} });
    expect((await internal()).status).toBe(401);
    expect((await internal(`Bearer ${media.token({ cid: conferenceId, sid: 'x', main: true })}`)).status).toBe(401); // a site's join token
    expect((await internal(`Bearer ${serviceToken()}`)).status).toBe(401); // the gateway's own token, for the meeting service
    expect((await internal(`Bearer ${meetingServiceToken({ secret: 'another-secret' })}`)).status).toBe(401);
    expect((await internal(`Bearer ${meetingServiceToken()}`)).status).toBe(200);

    const cut = await MeetingHarness.start({ mediaTokenSecret: TEST_MEDIA_SECRET, mediaInternalUrl: 'http://127.0.0.1:9' });
    try {
      const refused = await new Api(cut.url, chair.token).get<ErrorResponse>(`/conferences/${conferenceId}/recordings`);
      expect(refused.status).toBe(503);
      expect(refused.body.error).toBe('MEDIA_UNAVAILABLE');
    } finally {
      await cut.stop();
    }
  });
});
