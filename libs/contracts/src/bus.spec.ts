import { parseConferenceClosedEvent, parseFloorEvent, parseMediaControlsEvent, parseMediaStatusEvent } from './bus';

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
    ['a time that is not a time', text({ ...floor, at: 'yesterday' })],
    ['an enormous message', text({ ...floor, padding: 'x'.repeat(20_000) })],
  ])('drops %s', (_what, message) => {
    expect(parseFloorEvent(message)).toBeNull();
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
