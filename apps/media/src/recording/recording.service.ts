import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { MediaServerEvent, RECORDING_FILE_NAME, RecordingFile, RecordingState } from '@hoinghi/contracts';
import { conflict, notFound } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import { ChildProcess, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdir, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { MEDIA_CONFIG, MediaConfig } from '../config/media-config';
import { Room } from '../rooms/room';
import { RoomsService } from '../rooms/rooms.service';
import { SITE_CHANNEL, SiteChannel } from '../rooms/site-channel';
import { recordingSdp, SdpTrack } from './recording-sdp';

type Producer = mediasoup.types.Producer;

/** One ffmpeg process writing one file with a fixed set of tracks. */
interface Segment {
  file: string;
  startedAt: string;
  /** The producers it records; a different set means a new segment. */
  sourceKey: string;
  transports: mediasoup.types.PlainTransport[];
  ffmpeg: ChildProcess;
  exited: Promise<void>;
  sdpPath: string;
  /** Resolves when ffmpeg has finished probing and muxes packets (with a video frame, if there is video). */
  writing: Promise<void>;
}

interface Session {
  conferenceId: string;
  startedAt: string;
  segment: Segment | null;
  /** Segments started or stopped one at a time. */
  queue: Promise<void>;
  timer: NodeJS.Timeout | null;
}

/**
 * Records the programme to <recordingsDir>/<conferenceId>/<timestamp>.webm with Debian's ffmpeg: the
 * main site's video and audio, plus the floor holder's audio as a second audio track (no mixing, no
 * re-encoding: ffmpeg copies VP8/Opus into WebM); while a screen is shared, its video is the first
 * track (what a player shows: the slides, as the sites see them large) and the hall's camera the second. Each track is a consumer on its own PlainTransport
 * (rtcpMux off: ffmpeg wants RTCP on port + 1) sending to a port ffmpeg reads through an SDP file.
 *
 * mediasoup cannot switch a consumer to another producer, so when the floor (or a main-site producer,
 * or the shared screen) changes, a new segment starts and the old one ends a moment later (the overlap avoids a gap).
 */
@Injectable()
export class RecordingService implements OnModuleInit, OnApplicationShutdown {
  private readonly log = new Logger('Recording');
  private readonly sessions = new Map<string, Session>();
  private readonly retiring = new Map<Segment, NodeJS.Timeout>();

  constructor(
    @Inject(MEDIA_CONFIG) private readonly config: MediaConfig,
    private readonly rooms: RoomsService,
    @Inject(SITE_CHANNEL) private readonly channel: SiteChannel,
  ) {}

  onModuleInit(): void {
    this.rooms.onProgrammeChanged((room) => this.scheduleReconcile(room.conferenceId));
    this.rooms.onRoomClosed((conferenceId) => void this.stop(conferenceId).catch(() => undefined));
    // A conference that ends: close the file properly while the programme still flows into ffmpeg.
    this.rooms.beforeConferenceEnds((conferenceId) => this.stop(conferenceId).catch(() => undefined));
  }

  async onApplicationShutdown(): Promise<void> {
    const retiring = [...this.retiring.entries()];
    this.retiring.clear();
    for (const [, timer] of retiring) clearTimeout(timer);
    await Promise.allSettled([
      ...[...this.sessions.keys()].map((id) => this.stop(id)),
      ...retiring.map(([segment]) => this.endSegment(segment)),
    ]);
  }

  state(conferenceId: string): RecordingState {
    const session = this.sessions.get(conferenceId);
    return {
      conferenceId,
      active: Boolean(session),
      file: session?.segment?.file ?? null,
      startedAt: session?.startedAt ?? null,
    };
  }

  async start(conferenceId: string): Promise<RecordingState> {
    const room = this.rooms.room(conferenceId);
    if (!room) throw conflict('NOT_LIVE', 'No site is connected to this conference.');
    if (this.sessions.has(conferenceId)) throw conflict('ALREADY_RECORDING', 'The programme is already being recorded.');
    const { mainVideo, mainAudio } = room.programmeSources();
    if (!mainVideo && !mainAudio) throw conflict('NOTHING_TO_RECORD', 'The main site sends no audio or video yet.');
    const session: Session = { conferenceId, startedAt: new Date().toISOString(), segment: null, queue: Promise.resolve(), timer: null };
    this.sessions.set(conferenceId, session);
    await this.enqueue(session, () => this.reconcile(session));
    if (!session.segment) {
      this.sessions.delete(conferenceId);
      throw conflict('RECORDING_FAILED', 'ffmpeg could not start; see the gateway log.');
    }
    this.log.log(`recording conference ${conferenceId} → ${session.segment.file}`);
    return this.state(conferenceId); // reconcile() has told the sites
  }

  async stop(conferenceId: string): Promise<RecordingState> {
    const session = this.sessions.get(conferenceId);
    if (!session) throw conflict('NOT_RECORDING', 'The programme is not being recorded.');
    this.sessions.delete(conferenceId);
    if (session.timer) clearTimeout(session.timer);
    await this.enqueue(session, async () => {
      const segment = session.segment;
      session.segment = null;
      if (segment) await this.endSegment(segment);
    });
    this.log.log(`recording of conference ${conferenceId} stopped`);
    this.announce(conferenceId);
    return this.state(conferenceId);
  }

  async list(conferenceId: string): Promise<RecordingFile[]> {
    const dir = this.dirOf(conferenceId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const current = this.sessions.get(conferenceId)?.segment?.file;
    const files = await Promise.all(names.filter((n) => n.endsWith('.webm')).sort().map(async (file) => {
      const info = await stat(join(dir, file));
      return { file, bytes: info.size, modifiedAt: info.mtime.toISOString(), active: file === current };
    }));
    return files;
  }

  /**
   * Where one finished recording of the conference is, to be served as it is. 404 for a name that is not
   * one of its files (nothing outside the conference's directory can be named); 409 while ffmpeg still
   * writes it (no cues, no duration yet: a player could not seek in it).
   */
  async finishedFile(conferenceId: string, file: string): Promise<string> {
    const missing = () => notFound('RECORDING_NOT_FOUND', `Recording ${file} does not exist in this conference.`);
    if (!RECORDING_FILE_NAME.test(file)) throw missing();
    const path = join(this.dirOf(conferenceId), file);
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) throw missing();
    if (this.sessions.get(conferenceId)?.segment?.file === file) {
      throw conflict('RECORDING_IN_PROGRESS', `Recording ${file} is still being written; it can be played once recording stops or moves to the next file.`);
    }
    return path;
  }

  /** Debounced: a site's audio and video producers usually change together. */
  private scheduleReconcile(conferenceId: string): void {
    const session = this.sessions.get(conferenceId);
    if (!session) return;
    if (session.timer) clearTimeout(session.timer);
    session.timer = setTimeout(() => {
      session.timer = null;
      if (this.sessions.get(conferenceId) === session) void this.enqueue(session, () => this.reconcile(session));
    }, 300);
  }

  private enqueue(session: Session, work: () => Promise<void>): Promise<void> {
    const next = session.queue.then(work).catch((error: unknown) => {
      this.log.error(`recording ${session.conferenceId}: ${(error as Error).message}`);
    });
    session.queue = next;
    return next;
  }

  /** Brings the segment in line with the programme: same sources → nothing; else new segment, old one ends. */
  private async reconcile(session: Session): Promise<void> {
    const room = this.rooms.room(session.conferenceId);
    if (!room || this.sessions.get(session.conferenceId) !== session) return;
    const { mainVideo, mainAudio, floorAudio, screen } = room.programmeSources();
    const sources = [screen, mainVideo, mainAudio, floorAudio].filter((p): p is Producer => p !== null && !p.closed);
    const key = sources.map((p) => p.id).join('|');
    const old = session.segment;
    if (old && old.sourceKey === key && old.ffmpeg.exitCode === null) return;
    session.segment = sources.length ? await this.startSegment(room, sources, key) : null;
    if (old) this.retire(old);
    if (old || session.segment) this.announce(session.conferenceId);
  }

  /** Ends a replaced segment a second later, once its successor's ffmpeg is receiving: no gap in between. */
  private retire(segment: Segment): void {
    const timer = setTimeout(() => {
      this.retiring.delete(segment);
      void this.endSegment(segment);
    }, 1000);
    this.retiring.set(segment, timer);
  }

  private async startSegment(room: Room, sources: Producer[], sourceKey: string): Promise<Segment> {
    const dir = this.dirOf(room.conferenceId);
    await mkdir(dir, { recursive: true });
    const slot = room.primary;
    const transports: mediasoup.types.PlainTransport[] = [];
    const consumers: mediasoup.types.Consumer[] = [];
    const tracks: SdpTrack[] = [];
    try {
      for (const producer of sources) {
        await room.ensureProducerOn(slot, producer.id);
        const transport = await slot.router.createPlainTransport({
          listenInfo: { protocol: 'udp', ip: '127.0.0.1' }, rtcpMux: false, comedia: false, appData: { recording: true },
        });
        transports.push(transport);
        const port = await freeUdpPortPair();
        await transport.connect({ ip: '127.0.0.1', port, rtcpPort: port + 1 });
        const consumer = await transport.consume({ producerId: producer.id, rtpCapabilities: slot.router.rtpCapabilities, paused: true });
        consumers.push(consumer);
        tracks.push({ kind: consumer.kind, port, rtpParameters: consumer.rtpParameters });
      }
    } catch (error) {
      for (const t of transports) t.close();
      throw error;
    }
    // Video first, so players pick it (the screen's before the camera's: the sort keeps their order); then
    // the main site's audio, then the floor holder's.
    tracks.sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'video' ? -1 : 1));
    const startedAt = new Date();
    const file = await uniqueName(dir, startedAt.toISOString().replace(/[:.]/g, '-'));
    const sdpPath = join(dir, `.${file}.sdp`);
    await writeFile(sdpPath, recordingSdp(tracks));
    const ffmpeg = spawn(this.config.ffmpegPath, [
      '-nostdin', '-hide_banner', '-loglevel', 'error',
      // ffmpeg learns a VP8 track's size only by decoding a key frame, and writes nothing before it has
      // every track's parameters: -fpsprobesize 0 ends that probe at the first key frame (instead of
      // after two seconds spent measuring the frame rate), the window leaves room for a late key frame.
      '-protocol_whitelist', 'file,udp,rtp', '-fflags', '+genpts', '-analyzeduration', String(ANALYZE_MS * 1000), '-fpsprobesize', '0',
      '-i', sdpPath, '-map', '0', '-c', 'copy', '-f', 'webm',
      // Machine-readable progress on stdout: its first block means the header is written and packets are being muxed.
      '-progress', 'pipe:1', '-stats_period', '0.1',
      join(dir, file),
    ], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    const exited = new Promise<void>((done) => ffmpeg.once('exit', (code, signal) => {
      if (code !== 0 && code !== 255 && signal !== 'SIGINT') this.log.warn(`ffmpeg for ${file} ended (${code ?? signal}): ${stderr.trim()}`);
      done();
    }));
    ffmpeg.once('error', (error) => this.log.error(`ffmpeg: ${error.message}`));
    const hasVideo = tracks.some((t) => t.kind === 'video');
    const writing = muxing(ffmpeg, hasVideo);
    // Packets sent before ffmpeg listens are lost, and with them the key frame the resume asks for: wait
    // until it holds its ports. Then ask for key frames until one is in the file (a browser answers
    // within a round trip; a lost request, a busy host or an encoder that ignores PLI need another).
    const listening = await portsHeld(tracks.map((t) => t.port), exited);
    if (!listening) {
      ffmpeg.kill('SIGKILL');
      for (const t of transports) t.close();
      await rm(sdpPath, { force: true });
      throw new Error(`ffmpeg for ${file} did not start listening: ${stderr.trim()}`);
    }
    for (const consumer of consumers) await consumer.resume().catch(() => undefined);
    const keyFrames = setInterval(() => {
      for (const c of consumers) if (c.kind === 'video' && !c.closed) void c.requestKeyFrame().catch(() => undefined);
    }, KEY_FRAME_RETRY_MS);
    const outcome = await within(ANALYZE_MS, 'waiting', writing.then(() => 'writing' as const), exited.then(() => 'exited' as const));
    clearInterval(keyFrames);
    if (outcome === 'exited') {
      for (const t of transports) t.close();
      await rm(sdpPath, { force: true });
      throw new Error(`ffmpeg for ${file} ended before writing anything: ${stderr.trim()}`);
    }
    if (outcome === 'waiting') this.log.warn(`recording ${file}: no key frame reached ffmpeg within ${ANALYZE_MS} ms`);
    return { file, startedAt: startedAt.toISOString(), sourceKey, transports, ffmpeg, exited, sdpPath, writing };
  }

  /** SIGINT lets ffmpeg write the WebM cues and trailer; then the transports go. */
  private async endSegment(segment: Segment): Promise<void> {
    // SIGINT while ffmpeg still probes its input leaves a file of headers only: let it reach its first frame.
    await within(ANALYZE_MS, undefined, segment.writing, segment.exited);
    if (segment.ffmpeg.exitCode === null && segment.ffmpeg.signalCode === null) {
      segment.ffmpeg.kill('SIGINT');
      const timer = setTimeout(() => segment.ffmpeg.kill('SIGKILL'), 5000);
      await segment.exited;
      clearTimeout(timer);
    }
    for (const transport of segment.transports) transport.close();
    await rm(segment.sdpPath, { force: true });
  }

  private announce(conferenceId: string): void {
    this.channel.toConference(conferenceId, MediaServerEvent.Recording, this.state(conferenceId));
  }

  private dirOf(conferenceId: string): string {
    return resolve(this.config.recordingsDir, conferenceId);
  }
}

/** ffmpeg's probe window: a video key frame must reach it within this (stream time), else it cannot start. */
const ANALYZE_MS = 10_000;
/** How often the recorder's video consumers ask for a key frame until one is in the file. */
const KEY_FRAME_RETRY_MS = 250;

/** The first of `outcomes` to settle, or `otherwise` after `ms` (the timer does not outlive the race). */
async function within<T, U>(ms: number, otherwise: U, ...outcomes: Array<Promise<T>>): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U>((done) => (timer = setTimeout(() => done(otherwise), ms)));
  try {
    return await Promise.race([...outcomes, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Resolves once ffmpeg's `-progress` output shows it muxing — and, when there is a video track, at least
 * one video frame written (`frame=` counts the first video stream's packets; the first is a key frame,
 * ffmpeg drops what comes before one when copying).
 */
function muxing(ffmpeg: ChildProcess, hasVideo: boolean): Promise<void> {
  return new Promise((done) => {
    let buffered = '';
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        const frames = /^frame=(\d+)/.exec(line.trim());
        const ready = hasVideo ? frames !== null && Number(frames[1]) > 0 : line.startsWith('progress=');
        if (ready) {
          ffmpeg.stdout?.off('data', onData);
          ffmpeg.stdout?.resume(); // keep draining, so ffmpeg never blocks on a full pipe
          done();
          return;
        }
      }
    };
    ffmpeg.stdout?.on('data', onData);
  });
}

/**
 * Waits (at most 5 s) until every RTP port of ffmpeg's SDP is bound, as Linux lists in /proc/net/udp
 * (binding them ourselves to find out could take a port from ffmpeg). Elsewhere: a fixed wait.
 */
async function portsHeld(ports: number[], exited: Promise<void>): Promise<boolean> {
  let gone = false;
  void exited.then(() => (gone = true));
  const until = Date.now() + 5000;
  while (!gone && Date.now() < until) {
    const bound = await boundUdpPorts();
    if (!bound) {
      await sleep(300);
      return !gone;
    }
    if (ports.every((p) => bound.has(p))) return true;
    await sleep(20);
  }
  return false;
}

async function boundUdpPorts(): Promise<Set<number> | null> {
  try {
    const tables = await Promise.all(['/proc/net/udp', '/proc/net/udp6'].map((f) => readFile(f, 'utf8').catch(() => '')));
    if (!tables[0]) return null;
    const ports = new Set<number>();
    for (const line of tables.join('\n').split('\n')) {
      const local = line.trim().split(/\s+/)[1]; // "0100007F:C350"
      const hex = local?.split(':').pop();
      if (hex && /^[0-9A-F]{4}$/.test(hex)) ports.add(parseInt(hex, 16));
    }
    return ports;
  } catch {
    return null;
  }
}

/** An even port whose successor is free too (RTP, RTCP), as ffmpeg expects for SDP input. */
async function freeUdpPortPair(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = await bindUdp(0);
    const base = port % 2 === 0 ? port : port + 1;
    const [rtp, rtcp] = await Promise.all([bindUdp(base).catch(() => null), bindUdp(base + 1).catch(() => null)]);
    if (rtp !== null && rtcp !== null) return base;
  }
  throw new Error('no free UDP port pair for ffmpeg');
}

/** Binds and releases a UDP port on 127.0.0.1 (0 = any), resolving to its number. */
function bindUdp(port: number): Promise<number> {
  return new Promise((done, fail) => {
    const socket = createSocket('udp4');
    socket.once('error', (error) => fail(error));
    socket.bind(port, '127.0.0.1', () => {
      const bound = socket.address().port;
      socket.close(() => done(bound));
    });
  });
}

async function uniqueName(dir: string, stem: string): Promise<string> {
  for (let n = 0; ; n++) {
    const name = n === 0 ? `${stem}.webm` : `${stem}-${n}.webm`;
    try {
      await stat(join(dir, name));
    } catch {
      return name;
    }
  }
}
