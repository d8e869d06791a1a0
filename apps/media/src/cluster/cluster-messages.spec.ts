import { parseInboxMessage, parseRoomNotice, parseRoomState } from './cluster-messages';

const base = { v: 1, id: 'a1b2c3d4-0000-4000-8000-000000000001', from: 'host-b', fromInstance: '0f1e2d3c-0000-4000-8000-000000000002', conferenceId: 'c0ffee00-0000-4000-8000-000000000003' };
const srtp = { cryptoSuite: 'AEAD_AES_256_GCM', keyBase64: 'q'.repeat(58) + '==' };
const text = (value: unknown) => JSON.stringify(value);

describe('parseInboxMessage', () => {
  it('reads the requests, notices and replies the gateways send, and only their declared fields', () => {
    expect(parseInboxMessage(text({ ...base, op: 'link', ip: '10.0.0.2', port: 44001, srtp, extra: 1 }))).toEqual({
      kind: 'request', request: { ...base, op: 'link', ip: '10.0.0.2', port: 44001, srtp },
    });
    expect(parseInboxMessage(text({ ...base, op: 'pipe', producerId: 'p-1' }))).toEqual({ kind: 'request', request: { ...base, op: 'pipe', producerId: 'p-1' } });
    expect(parseInboxMessage(text({ ...base, op: 'paused', producerId: 'p-1', paused: true }))).toMatchObject({ kind: 'notice', notice: { paused: true } });
    expect(parseInboxMessage(text({ ...base, op: 'layers', producerId: 'p-1', spatialLayer: 1 }))).toEqual({ kind: 'notice', notice: { ...base, op: 'layers', producerId: 'p-1', spatialLayer: 1 } });
    expect(parseInboxMessage(text({ v: 1, reply: base.id, ok: true, producer: { kind: 'video', rtpParameters: { codecs: [] }, paused: false } })))
      .toEqual({ kind: 'reply', reply: { v: 1, reply: base.id, ok: true, producer: { kind: 'video', rtpParameters: { codecs: [] }, paused: false } } });
    expect(parseInboxMessage(text({ v: 1, reply: base.id, ok: false, error: 'NOT_LINKED', message: 'no pipe' }))).toMatchObject({ reply: { ok: false, error: 'NOT_LINKED' } });
  });

  it.each([
    ['not JSON', '{'],
    ['another version', text({ ...base, v: 2, op: 'pipe', producerId: 'p' })],
    ['an unknown operation', text({ ...base, op: 'shutdown' })],
    ['a gateway id with a space', text({ ...base, from: 'host b', op: 'pipe', producerId: 'p' })],
    ['an instance that is not a UUID', text({ ...base, fromInstance: 'x', op: 'pipe', producerId: 'p' })],
    ['a link to a host name', text({ ...base, op: 'link', ip: 'evil.example', port: 44001, srtp })],
    ['a link to port 0', text({ ...base, op: 'link', ip: '10.0.0.2', port: 0, srtp })],
    ['a link without encryption', text({ ...base, op: 'link', ip: '10.0.0.2', port: 44001, srtp: { cryptoSuite: 'NULL', keyBase64: 'x' } })],
    ['a producer of a third kind', text({ v: 1, reply: base.id, ok: true, producer: { kind: 'data', rtpParameters: {}, paused: false } })],
    ['a reply that is neither ok nor not', text({ v: 1, reply: base.id, ok: 'yes' })],
    ['layers above the top', text({ ...base, op: 'layers', producerId: 'p', spatialLayer: 3 })],
    ['layers that are not a whole number', text({ ...base, op: 'layers', producerId: 'p', spatialLayer: 0.5 })],
    ['an enormous message', text({ ...base, op: 'pipe', producerId: 'p', padding: 'x'.repeat(20_000) })],
  ])('drops %s', (_what, message) => {
    expect(parseInboxMessage(message)).toBeNull();
  });
});

describe('parseRoomState and parseRoomNotice', () => {
  const state = { v: 1, gatewayId: 'host-b', instance: base.fromInstance, sites: [{ siteId: 's-1', main: true, producers: [{ id: 'p-1', kind: 'audio' }] }] };

  it('reads a gateway\'s part of a conference', () => {
    expect(parseRoomState(text(state), 'host-b')).toEqual(state);
    expect(parseRoomNotice(text({ v: 1, conferenceId: base.conferenceId, gatewayId: 'host-b' }))).toEqual({ v: 1, conferenceId: base.conferenceId, gatewayId: 'host-b' });
  });

  it('drops a state filed under another gateway, or with malformed sites', () => {
    expect(parseRoomState(text(state), 'host-c')).toBeNull();
    expect(parseRoomState(text({ ...state, sites: [{ siteId: 's 1', main: true, producers: [] }] }), 'host-b')).toBeNull();
    expect(parseRoomState(text({ ...state, sites: [{ siteId: 's-1', main: 'yes', producers: [] }] }), 'host-b')).toBeNull();
    expect(parseRoomState(text({ ...state, sites: [{ siteId: 's-1', main: true, producers: [{ id: 'p', kind: 'screen' }] }] }), 'host-b')).toBeNull();
    expect(parseRoomNotice(text({ v: 1, conferenceId: 'c', gatewayId: '' }))).toBeNull();
  });

  it('reads a site\'s shared screen and who shares it; refuses a screen that is not video, or a malformed sharer', () => {
    const sharing = {
      ...state,
      sites: [{
        siteId: 's-1', main: true, producers: [{ id: 'p-1', kind: 'audio' }, { id: 'p-2', kind: 'video', source: 'screen' }],
        share: { userName: 'Nguyễn Thị Hà', since: '2026-12-01T08:00:00.100Z' },
      }],
    };
    expect(parseRoomState(text(sharing), 'host-b')).toEqual(sharing);
    const site = sharing.sites[0];
    const withSite = (changed: Record<string, unknown>) => text({ ...sharing, sites: [{ ...site, ...changed }] });
    expect(parseRoomState(withSite({ producers: [{ id: 'p-2', kind: 'audio', source: 'screen' }] }), 'host-b')).toBeNull();
    expect(parseRoomState(withSite({ producers: [{ id: 'p-2', kind: 'video', source: 'camera' }] }), 'host-b')).toBeNull();
    expect(parseRoomState(withSite({ share: { userName: 'x'.repeat(101), since: site.share.since } }), 'host-b')).toBeNull();
    expect(parseRoomState(withSite({ share: { userName: 'Hà', since: 'yesterday' } }), 'host-b')).toBeNull();
  });
});
