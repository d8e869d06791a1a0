// docs/asyncapi.json, the machine-readable socket.io protocol of the meeting service, built from the
// contracts themselves: event names from ClientEvent/ServerEvent, payload schemas generated from the
// TypeScript types.
import { ClientEvent, ServerEvent } from '@hoinghi/contracts';
import { createGenerator } from 'ts-json-schema-generator';
import { repoPath } from './repo-files';

const TYPES = [
  'JoinRequest', 'JoinAck', 'ConferenceDelta', 'ConferenceSnapshot', 'MediaStatusEvent', 'ErrorResponse', 'RenewRequest', 'RenewAck',
  'NoticeView', 'NoticesReadEvent',
];

function schemas(): Record<string, unknown> {
  const generator = createGenerator({
    path: repoPath('libs/contracts/src/index.ts'), tsconfig: repoPath('tsconfig.json'), type: '*', expose: 'export',
    topRef: false, jsDoc: 'extended', skipTypeCheck: true, additionalProperties: false,
  });
  const definitions: Record<string, unknown> = {};
  for (const type of TYPES) {
    const { definitions: referenced, $schema: _, ...own } = generator.createSchema(type);
    Object.assign(definitions, referenced, { [type]: own });
  }
  return JSON.parse(JSON.stringify(definitions).replaceAll('#/definitions/', '#/components/schemas/'));
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export function buildAsyncApi(): unknown {
  const message = (name: string, summary: string, payload: unknown) => ({ name, title: name, summary, payload });
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'hoinghi meeting service — live conference updates',
      version: '1',
      description: [
        'socket.io v4 (Engine.IO 4; websocket or long-polling) on the default namespace of the meeting service.',
        'Authenticate in the handshake with `auth: { token }` (the access token of POST /api/auth/login); a missing, invalid or',
        'expired token fails the connection with `connect_error` whose `data` is an ErrorResponse.',
        'Then emit `conference:join` with an acknowledgement callback; the answer is a snapshot cut to what you may see, or,',
        'with `sinceVersion`, the deltas you missed and `version`, the version you are complete up to.',
        'Deltas arrive as `conference:delta` in version order. Each names its `stream` (its audience) and `prev`, the',
        'previous version in that stream: keep the last version per stream, and when `prev` is not it, you missed one —',
        'emit `conference:sync` with your version. `prev: null` marks a state delta (totals): apply it when newer.',
        'Apply deltas with `applyDelta`/`ConferenceFeed` from the contracts, or as docs/architecture.md ("Live updates") says.',
        'socket.io reconnects by itself, but a new connection is in no room: join again with your last version.',
        'On `conference:resync` the server may have missed deltas for you: sync.',
        'Every connection also hears its user\'s notices, joined to a conference or not: `notices:new` when a conference they are',
        'convened to is scheduled, changed, started …, and `notices:read` when they read notices on another device; read',
        'GET /api/notices again after a reconnection for what was announced meanwhile.',
        'A connection lives as long as its access token: before it ends, get a fresh one from POST /api/auth/refresh and emit',
        '`auth:renew` with it; otherwise the server sends `auth:expired` at the end and disconnects (and refuses join and sync).',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    servers: {
      meeting: {
        host: 'localhost:3000', protocol: 'ws', pathname: '/socket.io/',
        description: 'The meeting service (same host as the REST API). socket.io, not plain WebSocket frames.',
        security: [{ $ref: '#/components/securitySchemes/accessToken' }],
      },
    },
    channels: {
      conference: {
        address: '/',
        description: 'The default socket.io namespace. Rooms (one per audience the caller may see) are joined by the server.',
        messages: {
          join: message(ClientEvent.Join, 'Join a conference: answered (socket.io ack) with a JoinAck.', ref('JoinRequest')),
          sync: message(ClientEvent.Sync, 'Catch up after a gap or a resync notice (must have joined): answered with a JoinAck.', ref('JoinRequest')),
          leave: message(ClientEvent.Leave, 'Leave a conference: answered with {ok: true}.', {
            type: 'object', properties: { conferenceId: { type: 'string', format: 'uuid' } }, required: ['conferenceId'],
          }),
          joinAck: message('JoinAck', 'The acknowledgement of join and sync.', ref('JoinAck')),
          renew: message(ClientEvent.Renew, 'A fresh access token of the same user for this connection: answered with a RenewAck.', ref('RenewRequest')),
          renewAck: message('RenewAck', 'The acknowledgement of auth:renew: the new end of the connection, or why not.', ref('RenewAck')),
          sessionExpired: message(ServerEvent.SessionExpired, 'The access token ended without a renewal (SESSION_EXPIRED); the server disconnects.', ref('ErrorResponse')),
          delta: message(ServerEvent.Delta, 'One change you may see, in version order, with its conferenceId.', {
            allOf: [ref('ConferenceDelta'), { type: 'object', properties: { conferenceId: { type: 'string' } }, required: ['conferenceId'] }],
          }),
          resync: message(ServerEvent.Resync, 'This server may have missed deltas for you (its Redis link came back): sync.', {
            type: 'object', properties: { conferenceId: { type: 'string' } }, required: ['conferenceId'],
          }),
          mediaStatus: message(ServerEvent.MediaStatus, 'A media gateway incident (a worker died or was replaced); not versioned.', ref('MediaStatusEvent')),
          notice: message(ServerEvent.Notice, 'A notice for you (unread), from any conference you are convened to; not versioned.', ref('NoticeView')),
          noticesRead: message(ServerEvent.NoticesRead, 'You read notices on another of your connections (ids, or null for all) and how many stay unread.', ref('NoticesReadEvent')),
        },
      },
    },
    operations: {
      joinConference: {
        action: 'send', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/join' }],
        reply: { channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/joinAck' }] },
      },
      syncConference: {
        action: 'send', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/sync' }],
        reply: { channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/joinAck' }] },
      },
      renewSession: {
        action: 'send', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/renew' }],
        reply: { channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/renewAck' }] },
      },
      receiveSessionExpired: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/sessionExpired' }] },
      leaveConference: { action: 'send', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/leave' }] },
      receiveDelta: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/delta' }] },
      receiveResync: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/resync' }] },
      receiveMediaStatus: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/mediaStatus' }] },
      receiveNotice: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/notice' }] },
      receiveNoticesRead: { action: 'receive', channel: { $ref: '#/channels/conference' }, messages: [{ $ref: '#/channels/conference/messages/noticesRead' }] },
    },
    components: {
      securitySchemes: {
        accessToken: { type: 'httpApiKey', name: 'token', in: 'query', description: 'Sent as socket.io handshake `auth.token`, not in the URL.' },
      },
      schemas: schemas(),
    },
  };
}

export const renderAsyncApi = () => `${JSON.stringify(buildAsyncApi(), null, 2)}\n`;
