import {
  MEDIA_NAMESPACE, MediaClientEvent, MediaServerEvent,
  type ConsumerOptions, type MediaAck, type MediaClientToServerEvents, type MediaErrorBody, type MediaJoinTokenResponse, type MediaRole,
  type MediaServerToClientEvents, type ProducerInfo, type ProducerSource, type SendLayersEvent, type SitePublisher, type ProgrammeEvent, type RecordingState, type SiteQuality,
  type TransportOptions, type WebRtcTransportOptions,
} from '@hoinghi/contracts';
import { Device, types } from 'mediasoup-client';
import { io, type Socket } from 'socket.io-client';
import { cameraEncodings, layerForHeight } from './camera-encodings';

type MediaSocket = Socket<MediaServerToClientEvents, MediaClientToServerEvents>;

/**
 * What the page shows: the programme (a site's page: the hall and the floor holder, the warm next
 * speakers attached but hidden) or every site (the chair's wall).
 */
export type MediaView = 'programme' | 'every-site';

/** 'ended': the conference ended, the gateway closed its video (no reconnecting). */
export type MediaStatus = 'idle' | 'joining' | 'joined' | 'reconnecting' | 'failed' | 'ended';

export interface SiteTracks {
  video?: MediaStreamTrack;
  audio?: MediaStreamTrack;
}

/** The gateway's error, or one of the browser's own (device, network: status 0, no code). */
export type MediaFailure = MediaErrorBody | (Omit<MediaErrorBody, 'error'> & { error: null });

/** What the UI draws; replaced (never mutated) on every change so React sees it. */
export interface MediaState {
  status: MediaStatus;
  error: MediaFailure | null;
  isMain: boolean;
  /** What this connection is: the site's camera and microphone, or a receive-only console. */
  role: MediaRole | null;
  /** Who sends this site's camera (this connection, another one, or nobody). */
  publisher: SitePublisher | null;
  programme: ProgrammeEvent | null;
  /** Remote media by site. */
  remote: ReadonlyMap<string, SiteTracks>;
  quality: ReadonlyMap<string, SiteQuality>;
  activeSpeakerSiteId: string | null;
  local: MediaStream | null;
  micOn: boolean;
  cameraOn: boolean;
  recording: RecordingState | null;
  /** The shared screen as received (another site shares; Programme.screen says who). */
  screenTrack: MediaStreamTrack | null;
  /** This connection shares its screen now. */
  sharing: boolean;
}

export const initialMediaState: MediaState = {
  status: 'idle', error: null, isMain: false, role: null, publisher: null, programme: null, remote: new Map(), quality: new Map(),
  activeSpeakerSiteId: null, local: null, micOn: true, cameraOn: true, recording: null, screenTrack: null, sharing: false,
};

/**
 * One connection of a site to the media gateway, following the joining steps in contracts/media.ts:
 * join → load the device → ready → transports → publish camera and mic (the site's publisher only) →
 * consume what the gateway announces. Recovers by itself: ICE restart on a failed transport, re-join
 * when the gateway moves the conference to a new worker, a fresh token when socket.io reconnects, another
 * gateway when its own has left the cluster (the meeting service places the site anew).
 *
 * A site has one publisher connection (the hall's camera) and any number of viewers (the chair's
 * console). Asked to publish while another connection holds the camera, the session joins as a viewer
 * and says who holds it; `takeOver()` takes it deliberately. Told that another connection took the
 * camera (CAMERA_TAKEN), it stops its camera and stays on as a viewer.
 *
 * Any connection of a site that may share (the main hall; the floor holder while the chair allows it)
 * shares a screen or window as a second video (`shareScreen`), opening a send transport if it has none.
 */
export class MediaSession {
  private state: MediaState = initialMediaState;
  private socket: MediaSocket | null = null;
  private device: Device | null = null;
  private sendTransport: types.Transport | null = null;
  private recvTransport: types.Transport | null = null;
  private readonly producers = new Map<'audio' | 'video', types.Producer>();
  private screenProducer: types.Producer | null = null;
  private readonly consumers = new Map<string, types.Consumer>(); // by producer id
  /** The layer each site's picture is worth at the size it is shown (fitVideo), by site id. */
  private readonly fits = new Map<string, number>();
  /** What we last asked the gateway for, by consumer id. */
  private readonly layersAsked = new Map<string, number>();
  /** Consumers we asked to flow (ResumeConsumer), by consumer id. */
  private readonly resumed = new Set<string>();
  /** What the gateway last said our camera should encode (SendLayers); it may come before Produce's answer. */
  private sendLayersWanted: SendLayersEvent | null = null;
  /** A setMaxSpatialLayer is under way (they must not overlap: mediasoup-client compares with the layer it had before the last one finished). */
  private sendLayersApplying = false;
  private closed = false;
  private siteId: string | null = null;
  /** What the next Join asks for: the role wanted, and whether to take the camera from another connection. */
  private wish: { role: MediaRole; takeOver: boolean };

  constructor(
    private readonly conferenceId: string,
    private readonly fetchToken: () => Promise<MediaJoinTokenResponse>,
    private readonly onChange: (state: MediaState) => void,
    role: MediaRole,
    private readonly view: MediaView = 'programme',
  ) {
    this.wish = { role, takeOver: false };
  }

  async start(): Promise<void> {
    this.set({ status: 'joining', error: null });
    try {
      if (this.wish.role === 'publisher') await this.openCamera();
      this.connect(await this.fetchToken());
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * A connection to the gateway the token names. `auth` as a function: every reconnection presents a fresh
   * short-lived token (the unused one it may have fetched meanwhile, else a new one).
   */
  private connect(issued: MediaJoinTokenResponse): void {
    let pending: MediaJoinTokenResponse | null = issued;
    const socket: MediaSocket = io(`${issued.mediaUrl}${MEDIA_NAMESPACE}`, {
      transports: ['websocket'],
      auth: (cb) => {
        const use = pending;
        pending = null;
        if (use) return cb({ token: use.token });
        this.fetchToken().then((fresh) => {
          // A token is for the gateway it names (403 WRONG_GATEWAY elsewhere): placed elsewhere now, go there.
          if (fresh.mediaUrl === issued.mediaUrl) cb({ token: fresh.token });
          else if (socket === this.socket && !this.closed) this.moveTo(fresh);
        }, () => cb({}));
      },
    });
    // While this gateway cannot be reached, ask the meeting service where the site belongs now: once the
    // gateway has dropped out of the cluster, the site is placed on a live one, and the session moves there.
    let asking = false;
    socket.io.on('reconnect_error', () => {
      if (asking || this.closed || socket !== this.socket) return;
      asking = true;
      this.fetchToken().then((fresh) => {
        if (socket !== this.socket || this.closed) return;
        if (fresh.mediaUrl === issued.mediaUrl) pending = fresh; // still placed here: the next attempt presents it
        else this.moveTo(fresh);
      }, () => undefined).finally(() => (asking = false));
    });
    this.socket = socket;
    this.listen(socket);
  }

  /** To the gateway the site was placed on instead: the old connection goes, and the new one joins afresh. */
  private moveTo(issued: MediaJoinTokenResponse): void {
    const old = this.socket;
    this.socket = null;
    old?.removeAllListeners();
    old?.io.removeAllListeners();
    old?.disconnect();
    this.teardownTransports();
    this.connect(issued);
  }

  close(): void {
    this.closed = true;
    this.socket?.disconnect();
    this.teardownTransports();
    this.stopCamera();
    this.set({ ...initialMediaState });
  }

  /**
   * Take this site's camera and microphone from the connection that sends them (it becomes a viewer),
   * or start sending when nobody does. Reconnects, so the join uses a fresh token.
   */
  async takeOver(): Promise<void> {
    try {
      await this.openCamera();
    } catch (error) {
      this.fail(error);
      return;
    }
    this.wish = { role: 'publisher', takeOver: true };
    this.socket?.disconnect();
    this.socket?.connect();
  }

  async setMic(on: boolean): Promise<void> {
    try {
      await this.toggle('audio', on);
    } catch {
      return; // refused (the chair's mute holds): the state says why
    }
    this.set({ micOn: on });
  }

  async setCamera(on: boolean): Promise<void> {
    await this.toggle('video', on);
    this.set({ cameraOn: on });
  }

  /**
   * Shares a screen or window (the browser asks which) with every site. Refusals come back as the
   * session's error: SHARE_NOT_ALLOWED, SCREEN_SHARED (another site shares).
   */
  async shareScreen(): Promise<void> {
    if (this.screenProducer || !this.device) return;
    let display: MediaStream;
    try {
      display = await navigator.mediaDevices.getDisplayMedia({ video: { frameRate: 15 }, audio: false });
    } catch {
      return; // the user cancelled the browser's picker
    }
    const [track] = display.getVideoTracks();
    try {
      this.sendTransport ??= await this.createTransport('send');
      const producer = await this.sendTransport.produce({ track, appData: { source: 'screen' satisfies ProducerSource }, stopTracks: true });
      this.screenProducer = producer;
      // The browser's own "stop sharing" bar ends the track.
      track.addEventListener('ended', () => void this.stopScreen());
      this.set({ sharing: true, error: null });
    } catch (error) {
      track.stop();
      this.set({ error: toFailure(error) });
    }
  }

  async stopScreen(): Promise<void> {
    const producer = this.screenProducer;
    if (!producer) return;
    this.dropScreen();
    await this.request(MediaClientEvent.CloseProducer, { producerId: producer.id }).catch(() => undefined); // may be closed already
  }

  async startRecording(): Promise<void> {
    const ack = await this.request(MediaClientEvent.StartRecording, {});
    this.set({ recording: ack.recording });
  }

  async stopRecording(): Promise<void> {
    const ack = await this.request(MediaClientEvent.StopRecording, {});
    this.set({ recording: ack.recording });
  }

  /** Receiver statistics per consumer (inbound-rtp), for diagnostics and the browser tests. */
  async receiverStats(): Promise<Array<{ consumerId: string; siteId: string; kind: string; source: ProducerSource; framesDecoded: number; packetsReceived: number; bytesReceived: number }>> {
    const rows = [];
    for (const consumer of this.consumers.values()) {
      if (!consumer) continue; // being created
      const report = await consumer.getStats();
      for (const stat of report.values()) {
        if (stat.type !== 'inbound-rtp') continue;
        rows.push({
          consumerId: consumer.id, siteId: (consumer.appData as { siteId: string }).siteId, kind: consumer.kind, source: sourceOf(consumer),
          framesDecoded: Number(stat.framesDecoded ?? 0), packetsReceived: Number(stat.packetsReceived ?? 0), bytesReceived: Number(stat.bytesReceived ?? 0),
        });
      }
    }
    return rows;
  }

  /** Sender statistics per producer (outbound-rtp: one row per simulcast layer), for diagnostics and the benches. */
  async senderStats(): Promise<Array<{ kind: string; packetsSent: number; bytesSent: number }>> {
    const rows = [];
    for (const producer of this.producers.values()) {
      for (const stat of (await producer.getStats()).values()) {
        if (stat.type === 'outbound-rtp') rows.push({ kind: producer.kind, packetsSent: Number(stat.packetsSent ?? 0), bytesSent: Number(stat.bytesSent ?? 0) });
      }
    }
    return rows;
  }

  /**
   * A site's picture is shown `pixels` high (device pixels): receive the simulcast layer that fits (the
   * main hall's wall of small tiles), so that nobody decodes, and that site's camera need not encode, more.
   */
  fitVideo(siteId: string, pixels: number): void {
    const layer = layerForHeight(pixels);
    if (this.fits.get(siteId) === layer) return;
    this.fits.set(siteId, layer);
    const consumer = [...this.consumers.values()].find((c) => c && c.kind === 'video' && sourceOf(c) === 'camera' && (c.appData as { siteId: string }).siteId === siteId);
    if (consumer) void this.askLayers(consumer);
  }

  private async askLayers(consumer: types.Consumer): Promise<void> {
    const layer = this.fits.get((consumer.appData as { siteId: string }).siteId);
    if (layer === undefined || this.layersAsked.get(consumer.id) === layer) return;
    this.layersAsked.set(consumer.id, layer);
    try {
      await this.request(MediaClientEvent.SetPreferredLayers, { consumerId: consumer.id, spatialLayer: layer });
    } catch {
      this.layersAsked.delete(consumer.id); // it closed meanwhile, or the gateway is away: the next fit asks again
    }
  }

  /** The gateway says which of our camera's layers anybody receives: encode only those. */
  private async applySendLayers(): Promise<void> {
    if (this.sendLayersApplying) return; // the loop under way applies the newest wish too
    this.sendLayersApplying = true;
    try {
      for (;;) {
        const producer = this.producers.get('video');
        const wanted = this.sendLayersWanted;
        if (!producer || wanted?.producerId !== producer.id || producer.closed || wanted.maxSpatialLayer === producer.maxSpatialLayer) return;
        await producer.setMaxSpatialLayer(wanted.maxSpatialLayer);
      }
    } catch {
      // The producer closed meanwhile.
    } finally {
      this.sendLayersApplying = false;
    }
  }

  /** Which of the camera's simulcast layers the browser encodes now (SendLayers), for diagnostics and the browser tests. */
  sendingLayers(): boolean[] {
    return this.producers.get('video')?.rtpSender?.getParameters().encodings.map((e) => e.active !== false) ?? [];
  }

  private listen(socket: MediaSocket): void {
    socket.on('connect', () => void this.join());
    socket.on('connect_error', (error: Error & { data?: MediaErrorBody }) => {
      // The site was placed on another gateway meanwhile: ask where, and go there.
      if (error.data?.error === 'WRONG_GATEWAY') {
        this.fetchToken().then((fresh) => socket === this.socket && !this.closed && this.moveTo(fresh), (failure: unknown) => this.fail(failure));
        return;
      }
      // Other token problems are final; anything else socket.io retries by itself.
      if (error.data?.statusCode === 401 || error.data?.statusCode === 403) this.fail(error.data);
      else this.set({ status: 'reconnecting' });
    });
    socket.on('disconnect', () => {
      if (!this.closed) this.set({ status: 'reconnecting' });
    });
    socket.on(MediaServerEvent.Programme, (programme) => {
      if (this.state.programme && programme.seq < this.state.programme.seq) return; // out of order
      this.set({ programme });
      void this.consumeAll(programme.producers).then(() => this.followProgramme());
    });
    socket.on(MediaServerEvent.NewProducer, (producer) => void this.consumeAll([producer]));
    socket.on(MediaServerEvent.ProducerClosed, ({ producerId }) => {
      // Our own share closed by the gateway (the floor moved on, the chair withdrew the permission).
      if (producerId === this.screenProducer?.id) this.dropScreen();
      this.dropConsumer(producerId);
    });
    socket.on(MediaServerEvent.ActiveSpeaker, ({ siteId }) => this.set({ activeSpeakerSiteId: siteId }));
    socket.on(MediaServerEvent.Quality, ({ sites }) => {
      const quality = new Map(this.state.quality);
      for (const site of sites) quality.set(site.siteId, site);
      this.set({ quality });
    });
    socket.on(MediaServerEvent.Recording, (recording) => this.set({ recording }));
    // A re-join creates new transports, which the gateway allows only while the join token is fresh
    // (they are single-use and short-lived): reconnect, and `auth` fetches a new token.
    socket.on(MediaServerEvent.WorkerRestarted, () => {
      socket.disconnect();
      socket.connect();
    });
    socket.on(MediaServerEvent.SendLayers, (wanted) => {
      this.sendLayersWanted = wanted;
      void this.applySendLayers();
    });
    socket.on(MediaServerEvent.Publisher, ({ siteId, publisher }) => {
      if (siteId === this.siteId) this.set({ publisher });
    });
    socket.on(MediaServerEvent.Error, (error) => {
      if (error.error === 'CAMERA_TAKEN') {
        // Another connection of this site sends the camera now; stay on as a viewer (also after reconnecting).
        this.wish = { role: 'viewer', takeOver: false };
        this.dropPublishing();
        this.set({ role: 'viewer', publisher: (error.current as SitePublisher | undefined) ?? this.state.publisher, error });
      }
      if (error.error === 'CONFERENCE_CLOSED') {
        this.closed = true; // the conference ended: the gateway closed its room and disconnects
        this.teardownTransports();
        this.stopCamera();
        this.set({ status: 'ended', error });
      }
    });
  }

  /** Steps 2–5 of the protocol; also how the session recovers after a reconnect or a worker restart. */
  private async join(): Promise<void> {
    try {
      this.set({ status: 'joining', error: null });
      this.teardownTransports();
      const joined = await this.joinAs(this.wish);
      this.set({ isMain: joined.isMain, role: joined.role, publisher: joined.publisher });
      if (joined.role === 'viewer') this.stopCamera();
      this.device = new Device();
      await this.device.load({ routerRtpCapabilities: joined.routerRtpCapabilities as unknown as types.RtpCapabilities });
      this.siteId = joined.siteId;
      // Transports before Ready: producers announced right after Ready must find a receive transport.
      if (joined.role === 'publisher') this.sendTransport = await this.createTransport('send');
      this.recvTransport = await this.createTransport('recv');
      const ready = await this.request(MediaClientEvent.Ready, { rtpCapabilities: this.device.rtpCapabilities as unknown as Record<string, unknown> });
      if (joined.role === 'publisher') await this.publish();
      this.set({ status: 'joined', programme: ready.programme });
      await this.consumeAll([...ready.producers, ...ready.programme.producers]);
    } catch (error) {
      this.fail(error);
    }
  }

  /**
   * Join as wished; a publisher refused because another connection holds the camera (CAMERA_HELD)
   * joins as a viewer and shows who holds it, with the offer to take over.
   */
  private async joinAs(wish: { role: MediaRole; takeOver: boolean }) {
    try {
      return await this.request(MediaClientEvent.Join, { conferenceId: this.conferenceId, role: wish.role, takeOver: wish.takeOver });
    } catch (error) {
      if (!isErrorBody(error) || error.error !== 'CAMERA_HELD') throw error;
      this.wish = { role: 'viewer', takeOver: false };
      return this.request(MediaClientEvent.Join, { conferenceId: this.conferenceId, role: 'viewer' });
    } finally {
      if (this.wish.takeOver) this.wish = { ...this.wish, takeOver: false }; // one deliberate takeover, not on every reconnect
    }
  }

  private async openCamera(): Promise<void> {
    if (this.state.local) return;
    const local = await navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 1280, height: 720 } });
    this.set({ local });
  }

  private stopCamera(): void {
    this.state.local?.getTracks().forEach((t) => t.stop());
    if (this.state.local) this.set({ local: null });
  }

  /** The gateway closed our producers (another connection took the camera): close our side and the camera. */
  private dropPublishing(): void {
    for (const producer of this.producers.values()) producer.close();
    this.producers.clear();
    this.dropScreen();
    this.sendTransport?.close();
    this.sendTransport = null;
    this.stopCamera();
  }

  private async createTransport(direction: 'send' | 'recv'): Promise<types.Transport> {
    const options = (await this.request(MediaClientEvent.CreateTransport, { direction })) as TransportOptions & { ok: true };
    if (options.type !== 'webrtc') throw new Error('the gateway offered a non-WebRTC transport');
    const { id, iceParameters, iceCandidates, dtlsParameters, iceServers } = options as WebRtcTransportOptions;
    const params = {
      id, iceServers,
      iceParameters: iceParameters as unknown as types.IceParameters,
      iceCandidates: iceCandidates as unknown as types.IceCandidate[],
      dtlsParameters: dtlsParameters as unknown as types.DtlsParameters,
    };
    const transport = direction === 'send' ? this.device!.createSendTransport(params) : this.device!.createRecvTransport(params);
    transport.on('connect', ({ dtlsParameters: dtls }, callback, errback) => {
      this.request(MediaClientEvent.ConnectTransport, { transportId: transport.id, dtlsParameters: dtls as unknown as Record<string, unknown> })
        .then(() => callback(), errback);
    });
    if (direction === 'send') {
      transport.on('produce', ({ kind, rtpParameters, appData }, callback, errback) => {
        this.request(MediaClientEvent.Produce, {
          transportId: transport.id, kind, rtpParameters: rtpParameters as unknown as Record<string, unknown>, appData,
          ...(appData.source === 'screen' ? { source: 'screen' as const } : {}),
        }).then(({ producerId }) => callback({ id: producerId }), errback);
      });
    }
    transport.on('connectionstatechange', (state) => {
      if (state === 'failed') void this.restartIce(transport);
    });
    return transport;
  }

  private async restartIce(transport: types.Transport): Promise<void> {
    try {
      const { iceParameters } = await this.request(MediaClientEvent.RestartIce, { transportId: transport.id });
      await transport.restartIce({ iceParameters: iceParameters as unknown as types.IceParameters });
    } catch {
      await this.join(); // the transport is gone on the server (e.g. a worker restart): start over
    }
  }

  private async publish(): Promise<void> {
    const local = this.state.local;
    if (!local) return;
    const [video] = local.getVideoTracks();
    const [audio] = local.getAudioTracks();
    if (video) {
      // Simulcast, so a weak district link can fall back to a lower layer; as many layers as the camera's size gives.
      const encodings = cameraEncodings(video.getSettings().height);
      const producer = await this.sendTransport!.produce({ track: video, encodings, codecOptions: { videoGoogleStartBitrate: 1000 }, stopTracks: false });
      this.producers.set('video', producer);
      void this.applySendLayers(); // if SendLayers came before the answer
      if (!this.state.cameraOn) await this.toggle('video', false);
    }
    if (audio) {
      this.producers.set('audio', await this.sendTransport!.produce({ track: audio, stopTracks: false }));
      if (!this.state.micOn) await this.toggle('audio', false);
    }
  }

  private async consumeAll(producers: ProducerInfo[]): Promise<void> {
    for (const info of producers) {
      // Programme lists include this site's own producers: it sees itself in the preview instead.
      if (info.siteId === this.siteId || this.consumers.has(info.producerId) || !this.recvTransport || !this.device) continue;
      this.consumers.set(info.producerId, null as unknown as types.Consumer); // claim: no double consume
      try {
        const options = (await this.request(MediaClientEvent.Consume, { transportId: this.recvTransport.id, producerId: info.producerId })) as ConsumerOptions;
        const consumer = await this.recvTransport.consume({
          id: options.id, producerId: options.producerId, kind: options.kind,
          rtpParameters: options.rtpParameters as unknown as types.RtpParameters, appData: { siteId: options.siteId, source: info.source },
        });
        this.consumers.set(info.producerId, consumer);
        if (info.source === 'screen') this.set({ screenTrack: consumer.track });
        else this.addRemote(options.siteId, consumer.kind, consumer.track);
        if (this.wants(consumer)) await this.setFlowing(consumer, true);
        if (consumer.kind === 'video' && info.source === 'camera') await this.askLayers(consumer);
      } catch {
        this.consumers.delete(info.producerId);
      }
    }
  }

  /**
   * Whether this page shows (or plays) a consumer's media. The gateway sends the main site every site; the
   * chair's wall shows every site's picture but plays only the floor holder's sound, and the hall's own page
   * shows only the programme (and keeps the warm next speakers' video): so they receive only that — on a
   * national conference, not thousands of streams nobody sees or hears. Districts are sent only their
   * programme by the gateway, and keep everything else wanted, ready for the next grant.
   */
  private wants(consumer: types.Consumer): boolean {
    const programme = this.state.programme;
    if (sourceOf(consumer) === 'screen' || !programme) return true;
    const siteId = (consumer.appData as { siteId: string }).siteId;
    if (this.view === 'every-site') return consumer.kind === 'video' || siteId === programme.floorSiteId;
    if (!this.state.isMain) return true;
    const onAir = siteId === programme.floorSiteId || siteId === programme.mainSiteId;
    return onAir || (consumer.kind === 'video' && (programme.warmSiteIds ?? []).includes(siteId));
  }

  private async setFlowing(consumer: types.Consumer, flowing: boolean): Promise<void> {
    if (this.resumed.has(consumer.id) === flowing) return;
    if (flowing) this.resumed.add(consumer.id);
    else this.resumed.delete(consumer.id);
    try {
      await this.request(flowing ? MediaClientEvent.ResumeConsumer : MediaClientEvent.PauseConsumer, { consumerId: consumer.id });
    } catch {
      if (flowing) this.resumed.delete(consumer.id); // closed meanwhile, or the gateway is away: the next Programme tries again
      else this.resumed.add(consumer.id);
    }
  }

  /** The programme changed: resume what the page now shows, pause what it no longer does. */
  private async followProgramme(): Promise<void> {
    await Promise.all([...this.consumers.values()].filter(Boolean).map((consumer) => this.setFlowing(consumer, this.wants(consumer))));
  }

  private dropConsumer(producerId: string): void {
    const consumer = this.consumers.get(producerId);
    this.consumers.delete(producerId);
    if (!consumer) return;
    consumer.close();
    this.layersAsked.delete(consumer.id);
    this.resumed.delete(consumer.id);
    if (sourceOf(consumer) === 'screen') {
      if (this.state.screenTrack === consumer.track) this.set({ screenTrack: null });
      return;
    }
    const siteId = (consumer.appData as { siteId: string }).siteId;
    const remote = new Map(this.state.remote);
    const tracks = { ...remote.get(siteId) };
    if (tracks[consumer.kind] === consumer.track) delete tracks[consumer.kind];
    remote.set(siteId, tracks);
    this.set({ remote });
  }

  private addRemote(siteId: string, kind: 'audio' | 'video', track: MediaStreamTrack): void {
    const remote = new Map(this.state.remote);
    remote.set(siteId, { ...remote.get(siteId), [kind]: track });
    this.set({ remote });
  }

  private async toggle(kind: 'audio' | 'video', on: boolean): Promise<void> {
    const producer = this.producers.get(kind);
    if (!producer) return;
    if (on) {
      try {
        await this.request(MediaClientEvent.ResumeProducer, { producerId: producer.id });
      } catch (error) {
        this.set({ error: toFailure(error) }); // MUTED_BY_CHAIR: the chair's mute holds
        throw error;
      }
      producer.resume();
    } else {
      producer.pause();
      await this.request(MediaClientEvent.PauseProducer, { producerId: producer.id });
    }
  }

  /** Our share ended (by us, the browser, or the gateway): close our side and the display capture. */
  private dropScreen(): void {
    const producer = this.screenProducer;
    this.screenProducer = null;
    if (producer) {
      producer.track?.stop();
      producer.close();
    }
    if (this.state.sharing) this.set({ sharing: false });
  }

  private teardownTransports(): void {
    for (const consumer of this.consumers.values()) consumer?.close();
    this.consumers.clear();
    this.layersAsked.clear();
    this.resumed.clear();
    this.sendLayersWanted = null;
    this.producers.clear();
    this.dropScreen();
    this.sendTransport?.close();
    this.recvTransport?.close();
    this.sendTransport = this.recvTransport = null;
    if (this.state.remote.size || this.state.screenTrack) this.set({ remote: new Map(), screenTrack: null });
  }

  /** One signalling request; resolves with the ack's payload or rejects with its MediaErrorBody. */
  private request<E extends keyof MediaClientToServerEvents>(
    event: E,
    payload: Parameters<MediaClientToServerEvents[E]>[0],
  ): Promise<Extract<Parameters<Parameters<MediaClientToServerEvents[E]>[1]>[0], { ok: true }>> {
    return new Promise((resolve, reject) => {
      if (!this.socket) return reject(new Error('not connected'));
      const emit = this.socket.timeout(10_000).emit as unknown as (e: string, p: unknown, ack: (err: Error | null, answer: MediaAck) => void) => void;
      emit.call(this.socket, event, payload, (err, answer) => {
        if (err) return reject(err);
        if (!answer.ok) return reject(answer.error);
        resolve(answer as never);
      });
    });
  }

  private fail(error: unknown): void {
    this.set({ status: 'failed', error: toFailure(error) });
  }

  private set(patch: Partial<MediaState>): void {
    this.state = { ...this.state, ...patch };
    this.onChange(this.state);
  }
}

function toFailure(error: unknown): MediaFailure {
  return isErrorBody(error) ? error : { statusCode: 0, error: null, message: error instanceof Error ? error.message : String(error) };
}

const sourceOf = (consumer: types.Consumer): ProducerSource => ((consumer.appData as { source?: ProducerSource }).source === 'screen' ? 'screen' : 'camera');

function isErrorBody(value: unknown): value is MediaErrorBody {
  return typeof value === 'object' && value !== null && 'statusCode' in value && 'message' in value;
}
