import type { Logger } from '@nestjs/common';
import type { ConnectTransportRequest, TransportDirection, TransportOptions } from '@hoinghi/contracts';
import { conflict, forbidden, invalid, notFound } from '@hoinghi/domain';
import * as mediasoup from 'mediasoup';
import type { MediaConfig } from '../config/media-config';
import type { Peer, PeerTransport } from './peer';

type DtlsParameters = mediasoup.types.DtlsParameters;

// The transport steps of signalling (CreateTransport, ConnectTransport, RestartIce) on one connection.

/** Send + receive WebRTC, plus a few plain (ffmpeg) ingest transports. */
const MAX_TRANSPORTS_PER_PEER = 6;

/** What opening a transport needs of its room. */
export interface TransportRoom {
  config: MediaConfig;
  log: Logger;
  /** The connection is still the room's (it may leave or re-join while a transport is being made). */
  owns(peer: Peer): boolean;
}

/** One transport per direction: a new one replaces the old (its producers or consumers close with it). */
export async function openTransport(peer: Peer, direction: TransportDirection, type: 'webrtc' | 'plain', room: TransportRoom): Promise<TransportOptions> {
  const slot = peer.slot;
  const { config } = room;
  const appData = { siteId: peer.siteId, direction };
  let entry: PeerTransport;
  let options: TransportOptions;
  if (type === 'plain') {
    if (!config.allowPlainRtp) throw forbidden('PLAIN_RTP_DISABLED', 'Plain RTP transports are disabled on this gateway (MEDIA_ALLOW_PLAIN_RTP).');
    // ffmpeg sends RTP and RTCP from two ports: no RTCP mux; comedia learns the sender's ports.
    const transport = await slot.router.createPlainTransport({
      listenInfo: { protocol: 'udp', ip: config.listenIp, announcedAddress: config.announcedAddress ?? undefined },
      rtcpMux: false,
      comedia: direction === 'send',
      appData,
    });
    entry = { transport, type, direction, slot, connected: direction === 'send' };
    options = {
      type, id: transport.id, direction,
      ip: config.announcedAddress ?? transport.tuple.localAddress ?? config.listenIp,
      port: transport.tuple.localPort,
      rtcpPort: transport.rtcpTuple?.localPort ?? transport.tuple.localPort,
    };
  } else {
    const transport = await slot.router.createWebRtcTransport({
      webRtcServer: slot.webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData,
    });
    // A three-layer VP8 simulcast camera peaks around 2.5 Mbit/s; cap what one site may push at us.
    if (direction === 'send') await transport.setMaxIncomingBitrate(3_000_000);
    transport.on('dtlsstatechange', (state) => {
      if (state === 'failed') room.log.warn(`site ${peer.siteId}: DTLS failed on its ${direction} transport`);
    });
    entry = { transport, type: 'webrtc', direction, slot, connected: false };
    options = {
      type: 'webrtc', id: transport.id, direction,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      iceServers: config.iceServers,
    };
  }
  if (!room.owns(peer)) {
    entry.transport.close();
    throw conflict('NOT_JOINED', 'This connection left the conference or joined it again meanwhile.');
  }
  // A browser has one WebRTC transport per direction: a new one replaces the old (after an ICE
  // failure the client may rebuild it). Plain transports carry one ffmpeg stream each.
  for (const [id, old] of peer.transports) {
    if (old.direction === direction && old.type === entry.type && entry.type === 'webrtc') {
      old.transport.close();
      peer.transports.delete(id);
    }
  }
  if (peer.transports.size >= MAX_TRANSPORTS_PER_PEER) {
    entry.transport.close();
    throw conflict('TOO_MANY_TRANSPORTS', `A connection has at most ${MAX_TRANSPORTS_PER_PEER} transports.`);
  }
  peer.transports.set(entry.transport.id, entry);
  return options;
}

export async function connectTransport(peer: Peer, request: ConnectTransportRequest, config: MediaConfig): Promise<void> {
  const entry = transportOf(peer, request.transportId);
  if (entry.connected) throw conflict('ALREADY_CONNECTED', 'This transport is already connected.');
  if (entry.type === 'webrtc') {
    const dtls = request.dtlsParameters as DtlsParameters | undefined;
    if (!dtls || !Array.isArray(dtls.fingerprints)) throw invalid('VALIDATION_FAILED', 'are required, with fingerprints', 'dtlsParameters');
    await (entry.transport as mediasoup.types.WebRtcTransport).connect({ dtlsParameters: dtls });
  } else {
    const { ip, port, rtcpPort } = request;
    if (typeof ip !== 'string' || !Number.isInteger(port) || !Number.isInteger(rtcpPort)) {
      throw invalid('VALIDATION_FAILED', 'A plain transport needs ip, port and rtcpPort.');
    }
    // Otherwise a site could make the gateway send a conference's media (unencrypted) anywhere it names.
    if (!config.plainRtpAllowedHosts.includes(ip)) {
      throw forbidden('PLAIN_RTP_ADDRESS_REFUSED', `This gateway sends plain RTP only to ${config.plainRtpAllowedHosts.join(', ')} (MEDIA_PLAIN_RTP_ALLOWED_HOSTS).`);
    }
    await (entry.transport as mediasoup.types.PlainTransport).connect({ ip, port, rtcpPort });
  }
  entry.connected = true;
}

export async function restartIce(peer: Peer, transportId: string): Promise<mediasoup.types.IceParameters> {
  const entry = transportOf(peer, transportId);
  if (entry.type !== 'webrtc') throw conflict('NOT_WEBRTC', 'Only WebRTC transports have ICE.');
  return (entry.transport as mediasoup.types.WebRtcTransport).restartIce();
}

export function transportOf(peer: Peer, transportId: string): PeerTransport {
  const entry = peer.transports.get(String(transportId));
  if (!entry || entry.transport.closed) throw notFound('UNKNOWN_TRANSPORT', 'This site has no such transport (create one first).');
  return entry;
}
