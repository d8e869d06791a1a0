// Janus Gateway 1.1.2 from Debian (`apt-get install -y janus`) as a second baseline for the media fan-out:
// its VideoRoom takes the same plain-RTP VP8 as a "remote publisher" and `rtp_forward`s it to N receivers,
// plain or SRTP (AES_CM_128_HMAC_SHA1_80, each forwarder with its own key). Not like-for-like with a
// mediasoup consumer: a forwarder rewrites the header and sends, with no per-receiver RTCP, NACK buffer or
// sequence rewriting, so it is a lower bound on what forwarding costs.
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sleep } from './proc';
import { Egress, LOOPBACK } from './media-source';

export const JANUS = '/usr/bin/janus';
const LIBS = '/usr/lib/x86_64-linux-gnu/janus';
/** The SSRC the VideoRoom's remote-publisher API expects for mindex 0 (Janus 1.1.2). */
export const JANUS_REMOTE_SSRC = 1000;

export const janusInstalled = () => existsSync(JANUS);

interface Target { ip: string; port: number; rtcpPort: number }

/** A Janus process with only the VideoRoom plugin and the HTTP transport, on 127.0.0.1:`port`. */
export class Janus {
  private constructor(private readonly child: ChildProcess, private readonly dir: string, private readonly url: string, private readonly session: number, private readonly handle: number) {}

  get pid(): number {
    return this.child.pid!;
  }

  static async start(port: number): Promise<Janus> {
    const dir = mkdtempSync(join(tmpdir(), 'hoinghi-janus-'));
    writeFileSync(join(dir, 'janus.jcfg'), `general: {
  configs_folder = "${dir}"
  plugins_folder = "${LIBS}/plugins"
  transports_folder = "${LIBS}/transports"
  events_folder = "${LIBS}/events"
  loggers_folder = "${LIBS}/loggers"
  debug_level = 2
  admin_secret = "bench"
  session_timeout = 0
}
media: { rtp_port_range = "44000-44999" }
nat: { nice_debug = false }
plugins: { disable = "${['audiobridge', 'duktape', 'echotest', 'lua', 'nosip', 'recordplay', 'sip', 'streaming', 'textroom', 'videocall', 'voicemail'].map((p) => `libjanus_${p}.so`).join(',')}" }
transports: { disable = "libjanus_websockets.so,libjanus_pfunix.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_rabbitmq.so" }
events: { broadcast = false }
`);
    writeFileSync(join(dir, 'janus.transport.http.jcfg'), `general: { json = "plain", base_path = "/janus", http = true, port = ${port}, ip = "${LOOPBACK}", https = false }
admin: { admin_http = false }
`);
    writeFileSync(join(dir, 'janus.plugin.videoroom.jcfg'), 'general: { }\n');
    const child = spawn(JANUS, ['-F', dir, '-C', join(dir, 'janus.jcfg'), '-N'], { stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr!.on('data', (chunk: Buffer) => process.stderr.write(`janus: ${chunk}`));
    const url = `http://${LOOPBACK}:${port}/janus`;
    for (let i = 0; ; i++) {
      try {
        const created = await post(url, { janus: 'create' });
        const session = created.data.id as number;
        const attached = await post(`${url}/${session}`, { janus: 'attach', plugin: 'janus.plugin.videoroom' });
        return new Janus(child, dir, url, session, attached.data.id as number);
      } catch (error) {
        if (i >= 50 || child.exitCode !== null) {
          child.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
          throw new Error(`Janus did not start: ${String(error)}`);
        }
        await sleep(200);
      }
    }
  }

  /** A VP8 room fed by a remote publisher (plain RTP in), forwarded to `receivers` targets. Returns where to send RTP. */
  async fanout(room: number, receivers: number, egress: Egress, sink: Target): Promise<Target> {
    await this.request({ request: 'create', room, videocodec: 'vp8', publishers: 1, bitrate: 0, lock_rtp_forward: false, audiolevel_event: false });
    const publisher = await this.request({
      request: 'add_remote_publisher', room, id: 1, iface: LOOPBACK, streams: [{ type: 'video', mindex: 0, mid: '0', codec: 'vp8' }],
    });
    const port = Number(publisher.port);
    if (!port) throw new Error(`Janus gave no RTP port: ${JSON.stringify(publisher)}`);
    for (let i = 0; i < receivers; i++) {
      const srtp = egress === 'plain' ? {} : { srtp_suite: 80, srtp_crypto: randomBytes(30).toString('base64') }; // top level: ignored inside streams[]
      if (egress !== 'plain' && egress !== 'AES_CM_128_HMAC_SHA1_80') throw new Error(`Janus rtp_forward has no ${egress}`);
      await this.request({ request: 'rtp_forward', room, publisher_id: 1, host: sink.ip, host_family: 'ipv4', streams: [{ mid: '0', port: sink.port }], ...srtp });
    }
    return { ip: LOOPBACK, port, rtcpPort: port + 1 };
  }

  async close(): Promise<void> {
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await Promise.race([exited, sleep(5000)]);
    this.child.kill('SIGKILL');
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async request(body: Record<string, unknown>): Promise<Record<string, unknown>> {
    const answer = await post(`${this.url}/${this.session}/${this.handle}`, { janus: 'message', body });
    const data = answer.plugindata?.data as Record<string, unknown> | undefined;
    if (!data || data.error) throw new Error(`Janus ${String(body.request)}: ${JSON.stringify(answer)}`);
    return data;
  }
}

interface JanusAnswer { janus: string; data?: { id: number }; plugindata?: { data?: unknown }; error?: unknown }

async function post(url: string, body: Record<string, unknown>): Promise<JanusAnswer & { data: { id: number } }> {
  const response = await fetch(url, { method: 'POST', body: JSON.stringify({ ...body, transaction: randomBytes(6).toString('hex') }) });
  const answer = (await response.json()) as JanusAnswer;
  if (answer.janus === 'error') throw new Error(`Janus ${String(body.janus)}: ${JSON.stringify(answer.error)}`);
  return answer as JanusAnswer & { data: { id: number } };
}
