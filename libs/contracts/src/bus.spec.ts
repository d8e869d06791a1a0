import { parseConferenceClosedEvent, parseFloorEvent, parseFloorQueueEvent, parseMediaControlsEvent, parseMediaStatusEvent, parseNoticeEvent } from './bus';

const floor = {
  v: 1, kind: 'granted', conferenceId: '3f1c2a9e-0d7b-4a51-9a43-5d1f2e3c4b5a', requestId: 'b0c1d2e3-0000-4000-8000-000000000001',
  siteId: 'a1b2c3d4-0000-4000-8000-000000000002', participantId: null, at: '2026-11-30T08:00:00.000Z',
};
const status = { v: 1, kind: 'worker-died', conferenceId: floor.conferenceId, details: { workerIndex: 0, pid: 4242, error: 'killed' }, at: floor.at };
const text = (value: unknown) => JSON.stringify(value);

describe('parseFloorEvent', () => {
  it('accepts what the meeting service publishes, and returns only the declared fields', () => {
    expect(parseFloorEvent(text({ ...floor, extra: 'x' }))).toEqual(floor);
    expect(parseFloorEvent(text({ ...floor, kind: 'ended', participantId: 'c0ffee00-0000-4000-8000-000000000003' }))).toMatchObject({ kind: 'ended' });
    expect(parseFloorEvent(text({ ...floor, version: 42 }))).toEqual({ ...floor, version: 42 });
  });

  it.each([
    ['not JSON', '{'],
    ['JSON that is not an object', '[1]'],
    ['another version', text({ ...floor, v: 2 })],
    ['an unknown kind', text({ ...floor, kind: 'revoked' })],
    ['a numeric site id', text({ ...floor, siteId: 42 })],
    ['an id with a newline', text({ ...floor, siteId: 'site\nx' })],
    ['an id that is too long', text({ ...floor, conferenceId: 'a'.repeat(65) })],
    ['no request id', text({ ...floor, requestId: undefined })],
    ['a participant that is an object', text({ ...floor, participantId: {} })],
    ['a version that is a string', text({ ...floor, version: '42' })],
    ['a version that is not a whole number', text({ ...floor, version: 4.2 })],
    ['a version below 1', text({ ...floor, version: 0 })],
    ['a time that is not a time', text({ ...floor, at: 'yesterday' })],
    ['an enormous message', text({ ...floor, padding: 'x'.repeat(20_000) })],
  ])('drops %s', (_what, message) => {
    expect(parseFloorEvent(message)).toBeNull();
  });
});

describe('parseFloorQueueEvent', () => {
  const queue = { v: 1, kind: 'queue', conferenceId: floor.conferenceId, next: [floor.siteId, 'b1c2d3e4-0000-4000-8000-000000000004'], at: floor.at, version: 7 };

  it('accepts the next sites in the queue (none, too), with only the declared fields', () => {
    expect(parseFloorQueueEvent(text({ ...queue, extra: 1 }))).toEqual(queue);
    expect(parseFloorQueueEvent(text({ ...queue, next: [] }))).toMatchObject({ next: [] });
    expect(parseFloorEvent(text(queue))).toBeNull(); // not a grant or an end
  });

  it.each([
    ['a grant', text(floor)],
    ['next that is not a list', text({ ...queue, next: floor.siteId })],
    ['more than the head of the queue', text({ ...queue, next: ['a', 'b', 'c', 'd'] })],
    ['a site twice', text({ ...queue, next: ['a', 'a'] })],
    ['a site id with a space', text({ ...queue, next: ['a b'] })],
    ['a version that is not a number', text({ ...queue, version: 'x' })],
  ])('drops %s', (_case, message) => {
    expect(parseFloorQueueEvent(message)).toBeNull();
  });
});

describe('parseConferenceClosedEvent', () => {
  const closed = { v: 1, kind: 'closed', conferenceId: floor.conferenceId, status: 'ended', at: floor.at };

  it('accepts an ended or cancelled conference, with only the declared fields', () => {
    expect(parseConferenceClosedEvent(text({ ...closed, extra: 1 }))).toEqual(closed);
    expect(parseConferenceClosedEvent(text({ ...closed, status: 'cancelled' }))).toMatchObject({ status: 'cancelled' });
  });

  it.each([
    ['another status', text({ ...closed, status: 'live' })],
    ['another kind', text({ ...closed, kind: 'granted' })],
    ['a bad id', text({ ...closed, conferenceId: 'x y' })],
    ['no time', text({ ...closed, at: undefined })],
  ])('drops %s', (_what, message) => {
    expect(parseConferenceClosedEvent(message)).toBeNull();
  });
});

describe('parseNoticeEvent', () => {
  const notice = { v: 1, kind: 'announced', conferenceId: floor.conferenceId, noticeId: 'd1e2f3a4-0000-4000-8000-000000000004', at: floor.at };

  it('accepts an announced notice, with only the declared fields', () => {
    expect(parseNoticeEvent(text({ ...notice, text: 'not ours to carry' }))).toEqual(notice);
  });

  it('accepts one for the people just convened only', () => {
    const userIds = ['e1f2a3b4-0000-4000-8000-000000000005'];
    expect(parseNoticeEvent(text({ ...notice, userIds }))).toEqual({ ...notice, userIds });
  });

  it.each([
    ['an empty list of people', text({ ...notice, userIds: [] })],
    ['a person id that is not one', text({ ...notice, userIds: ['../x'] })],
    ['more people than one message carries', text({ ...notice, userIds: Array.from({ length: 301 }, (_, i) => `u-${i}`) })],
    ['another kind', text({ ...notice, kind: 'read' })],
    ['no notice id', text({ ...notice, noticeId: undefined })],
    ['a bad conference id', text({ ...notice, conferenceId: '../x' })],
    ['a time that is not a time', text({ ...notice, at: 'now' })],
  ])('drops %s', (_what, message) => {
    expect(parseNoticeEvent(message)).toBeNull();
  });
});

describe('parseMediaStatusEvent', () => {
  it('accepts what the media gateway publishes', () => {
    expect(parseMediaStatusEvent(text(status))).toEqual(status);
    expect(parseMediaStatusEvent(text({ ...status, kind: 'worker-replaced', conferenceId: '' }))).toMatchObject({ conferenceId: '' });
    const quality = { ...status, kind: 'site-quality', siteId: floor.siteId, details: { siteId: floor.siteId, rtt: 20, layers: { spatial: 2 } } };
    expect(parseMediaStatusEvent(text(quality))).toEqual(quality);
  });

  it.each([
    ['not JSON', 'worker died'],
    ['an unknown kind', text({ ...status, kind: 'rm -rf' })],
    ['a numeric conference id', text({ ...status, conferenceId: 7 })],
    ['details that are a string', text({ ...status, details: 'boom' })],
    ['nested worker details', text({ ...status, details: { nested: { a: 1 } } })],
    ['a time that is a number', text({ ...status, at: 5 })],
    ['site quality without a site', text({ ...status, kind: 'site-quality' })],
    ['site quality for no conference', text({ ...status, kind: 'site-quality', conferenceId: '', siteId: 'x' })],
  ])('drops %s', (_what, message) => {
    expect(parseMediaStatusEvent(message)).toBeNull();
  });
});

describe('parseMediaControlsEvent', () => {
  const controls = { v: 1, conferenceId: floor.conferenceId, controls: { floorShareAllowed: true, mutedSiteIds: [floor.siteId] }, at: floor.at };

  it('accepts the chair\'s media controls, with only the declared fields', () => {
    expect(parseMediaControlsEvent(text({ ...controls, extra: 1, controls: { ...controls.controls, more: 2 } }))).toEqual(controls);
  });

  it.each([
    ['no controls', text({ ...controls, controls: undefined })],
    ['a permission that is not a boolean', text({ ...controls, controls: { ...controls.controls, floorShareAllowed: 'yes' } })],
    ['muted sites that are not a list', text({ ...controls, controls: { ...controls.controls, mutedSiteIds: floor.siteId } })],
    ['a muted site id with a newline', text({ ...controls, controls: { ...controls.controls, mutedSiteIds: ['site\nx'] } })],
    ['another version', text({ ...controls, v: 2 })],
  ])('drops %s', (_what, message) => {
    expect(parseMediaControlsEvent(message)).toBeNull();
  });
});
