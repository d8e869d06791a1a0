import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { dropDatabase, OrgUnitEntity, UserEntity } from '@hoinghi/database';
import { foldVietnamese } from '@hoinghi/domain';
import type { AppConfig } from '../../apps/meeting/src/config/app-config';
import type {
  ClientToServerEvents, ConferenceSnapshot, ParticipantView, LoginResponse, OrgUnitLevel, ServerToClientEvents,
} from '@hoinghi/contracts';
import { io, Socket } from 'socket.io-client';
import { DataSource } from 'typeorm';
import { AuthService } from '../../apps/meeting/src/auth/auth.service';
import { createMeetingApp } from '../../apps/meeting/src/bootstrap';
import { testAppDatabaseUrl, testConfig } from './test-config';

export type ConferenceClient = Socket<ServerToClientEvents, ClientToServerEvents>;

export const TEST_PASSWORD = 'mat-khau-thu-nghiem';

/** A real meeting service on a free port, over the throwaway database and the local Redis. */
export class MeetingHarness {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
  ) {}

  private passwordHash?: Promise<string>;
  private readonly sockets: ConferenceClient[] = [];

  /**
   * `ownDatabase` gives the suite a database of its own (`<test db>_<name>`, dropped first), for suites
   * that seed fixed data such as the demo conference.
   */
  static async start(overrides: Partial<AppConfig> = {}, options: { ownDatabase?: string } = {}): Promise<MeetingHarness> {
    const config = testConfig({ webDistDir: null, ...overrides });
    if (options.ownDatabase) {
      config.databaseOwnerUrl = await freshDatabase(config.databaseOwnerUrl, options.ownDatabase);
      config.databaseUrl = testAppDatabaseUrl(config.databaseOwnerUrl);
    }
    const app = await createMeetingApp(config, ['error', 'warn']);
    await app.listen(0, '127.0.0.1');
    const address = app.getHttpServer().address() as { port: number };
    return new MeetingHarness(app, `http://127.0.0.1:${address.port}`);
  }

  get dataSource(): DataSource {
    return this.app.get<DataSource>(getDataSourceToken());
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.disconnect();
    await this.app.close();
  }

  /** Users are provisioned by administrators outside the conference API; tests write them directly. */
  async createUser(username: string, fullName: string, flags: { canConvene?: boolean; isAdmin?: boolean } = {}): Promise<UserEntity> {
    this.passwordHash ??= AuthService.hashPassword(TEST_PASSWORD);
    const repo = this.dataSource.getRepository(UserEntity);
    return repo.save(repo.create({
      username, fullName, fullNameSearch: foldVietnamese(fullName), passwordHash: await this.passwordHash,
      canConvene: flags.canConvene ?? false, isAdmin: flags.isAdmin ?? false,
    }));
  }

  async createOrgUnit(name: string, level: OrgUnitLevel, parentId: string | null = null): Promise<OrgUnitEntity> {
    const repo = this.dataSource.getRepository(OrgUnitEntity);
    return repo.save(repo.create({ name, nameSearch: foldVietnamese(name), level, parentId }));
  }

  async login(username: string, password = TEST_PASSWORD): Promise<string> {
    const response = await fetch(`${this.url}/api/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
    });
    if (response.status !== 200 && response.status !== 201) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
    return ((await response.json()) as LoginResponse).accessToken;
  }

  /** A new user convened by the chair in `role` (at `siteId`), signed in: their participant row and their API. */
  async convene(chair: Api, conferenceId: string, username: string, fullName: string, role: string, siteId?: string): Promise<{ participant: ParticipantView; api: Api }> {
    const user = await this.createUser(username, fullName);
    const added = await chair.post<ParticipantView>(`/conferences/${conferenceId}/participants`, { userId: user.id, role, siteId });
    if (added.status !== 201) throw new Error(`convene ${username}: ${added.status} ${JSON.stringify(added.body)}`);
    return { participant: added.body, api: chair.as(await this.login(username)) };
  }

  /**
   * A live conference of a new chair (`<prefix>.chutri`) with a main hall and one site per name in
   * `districts`, each with an operator (`<prefix>.op<i>`, i = site index, the hall is 0). `as` names it
   * as a real one: its title, the host body (under its superior), the main site's place, the chair, the agenda.
   */
  async liveConference(prefix: string, districts: string[], as: {
    title?: string; host?: string; superior?: string; place?: string; chair?: string; agenda?: Array<{ title: string; kind: string; presenter: string; plannedMinutes: number }>;
    /** An existing unit as the host (e.g. a second conference of the same body), instead of a new one. */
    hostUnitId?: string;
  } = {}): Promise<{ chair: Api; operators: Api[]; snapshot: ConferenceSnapshot }> {
    const api = new Api(this.url);
    const superior = as.superior ? await this.createOrgUnit(as.superior, 'province') : null;
    const province = as.hostUnitId ? { id: as.hostUnitId } : await this.createOrgUnit(as.host ?? `Tỉnh ${prefix}`, 'province', superior?.id ?? null);
    await this.createUser(`${prefix}.chutri`, as.chair ?? 'Chủ trì hội nghị', { canConvene: true });
    const chair = api.as(await this.login(`${prefix}.chutri`));
    const created = await chair.post<ConferenceSnapshot>('/conferences', {
      title: as.title ?? 'Hội nghị trực tuyến', kind: 'review', hostUnitId: province.id,
      plannedStart: '2026-12-01T00:30:00Z', plannedEnd: '2026-12-01T04:00:00Z',
      sites: [
        { key: 'main', name: 'Hội trường Tỉnh ủy', place: as.place ?? 'TP Cao Lãnh', orgUnitId: province.id, isMain: true },
        ...districts.map((name, i) => ({ key: `d${i}`, name: `Điểm cầu ${name}`, place: name, orgUnitId: province.id })),
      ],
      agenda: as.agenda ?? [{ title: 'Khai mạc', kind: 'report', presenter: 'Ban Tổ chức', plannedMinutes: 5 }],
    });
    if (created.status !== 201) throw new Error(`create conference: ${created.status} ${JSON.stringify(created.body)}`);
    const snapshot = created.body;
    const path = `/conferences/${snapshot.conference.id}`;
    const operators: Api[] = [];
    for (const [i, site] of snapshot.sites.entries()) {
      const operator = await this.createUser(`${prefix}.op${i}`, `Kỹ thuật viên ${site.name}`);
      await chair.post(`${path}/participants`, { userId: operator.id, role: 'site_operator', siteId: site.id });
      operators.push(api.as(await this.login(`${prefix}.op${i}`)));
    }
    for (const step of ['schedule', 'start']) {
      const answer = await chair.post(`${path}/${step}`);
      if (answer.status !== 200) throw new Error(`${step}: ${answer.status} ${JSON.stringify(answer.body)}`);
    }
    return { chair, operators, snapshot };
  }

  /** A socket.io client authenticated as the token's user; connected when the promise resolves. */
  async connect(token: string): Promise<ConferenceClient> {
    const socket: ConferenceClient = io(this.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    this.sockets.push(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    return socket;
  }
}

async function freshDatabase(baseUrl: string, name: string): Promise<string> {
  const url = new URL(baseUrl);
  url.pathname = `${url.pathname}_${name}`;
  await dropDatabase({ url: url.toString() });
  return url.toString(); // the meeting service creates it, runs the migrations, grants its role
}

/** JSON over HTTP with a bearer token: `status` and parsed `body`, never throws on 4xx. */
export class Api {
  constructor(
    private readonly baseUrl: string,
    readonly token?: string,
  ) {}

  as(token: string): Api {
    return new Api(this.baseUrl, token);
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    const response = await fetch(`${this.baseUrl}/api${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as T };
  }
}

/** Resolves with the first `count` events of `event` on the socket. */
export function collect<T>(socket: ConferenceClient, event: keyof ServerToClientEvents, count: number, timeoutMs = 10_000): Promise<T[]> {
  return new Promise((resolve, reject) => {
    const seen: T[] = [];
    const timer = setTimeout(() => reject(new Error(`only ${seen.length}/${count} ${String(event)} events arrived`)), timeoutMs);
    const listener = (payload: T) => {
      seen.push(payload);
      if (seen.length === count) {
        clearTimeout(timer);
        socket.off(event, listener as never);
        resolve(seen);
      }
    };
    socket.on(event, listener as never);
  });
}
