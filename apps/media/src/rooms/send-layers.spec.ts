import { MAX_SPATIAL_LAYER } from '../quality/quality-policy';
import { sendLayer, SendLayerTracker } from './send-layers';

describe('sendLayer', () => {
  it('sends the top layer while the site is on the programme, whatever its consumers get yet', () => {
    expect(sendLayer({ onAir: true, warm: false, flowing: [], piped: [] })).toBe(MAX_SPATIAL_LAYER);
    expect(sendLayer({ onAir: true, warm: false, flowing: [0, 0], piped: [0] })).toBe(MAX_SPATIAL_LAYER);
  });

  it('sends the top layer while the site is a warm next speaker, though the sites receive only its lowest', () => {
    expect(sendLayer({ onAir: false, warm: true, flowing: [0, 0], piped: [] })).toBe(MAX_SPATIAL_LAYER);
  });

  it('off the programme, the highest layer a flowing consumer here or a piping gateway gets', () => {
    expect(sendLayer({ onAir: false, warm: false, flowing: [0, 1, 0], piped: [] })).toBe(1);
    expect(sendLayer({ onAir: false, warm: false, flowing: [0], piped: [2] })).toBe(2);
  });

  it('never less than the lowest layer, never more than the top', () => {
    expect(sendLayer({ onAir: false, warm: false, flowing: [], piped: [] })).toBe(0);
    expect(sendLayer({ onAir: false, warm: false, flowing: [7], piped: [] })).toBe(MAX_SPATIAL_LAYER);
  });
});

describe('SendLayerTracker', () => {
  const tracked = (layers: Map<string, number | null>, holdMs = 0) => {
    const told: Array<[string, number]> = [];
    const tracker = new SendLayerTracker((id) => layers.get(id) ?? null, (id, layer) => told.push([id, layer]), holdMs);
    return { tracker, told };
  };

  afterEach(() => jest.useRealTimers());

  it('works out what was marked in one go on the next turn, and tells only changes', async () => {
    const layers = new Map<string, number | null>([['a', 0], ['b', 2]]);
    const { tracker, told } = tracked(layers);
    tracker.mark('a');
    tracker.mark('a');
    tracker.mark('b');
    expect(told).toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(told).toEqual([['a', 0], ['b', 2]]);
    tracker.mark('a'); // unchanged: nothing told
    layers.set('b', 1);
    tracker.mark('b');
    tracker.flush(); // at once (a grant)
    expect(told).toEqual([['a', 0], ['b', 2], ['b', 1]]);
  });

  it('raises at once, lowers only once the lower layer has held for the hold time, and not at all if wanted back meanwhile', () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate'] });
    const layers = new Map<string, number | null>([['a', 2]]);
    const { tracker, told } = tracked(layers, 5000);
    tracker.mark('a');
    tracker.flush();
    layers.set('a', 0); // the speaker left the floor …
    tracker.mark('a');
    tracker.flush();
    jest.advanceTimersByTime(4000);
    layers.set('a', 2); // … and asked again: the encoder never stopped its upper layers
    tracker.mark('a');
    tracker.flush();
    jest.advanceTimersByTime(5000);
    expect(told).toEqual([['a', 2]]);
    layers.set('a', 1);
    tracker.mark('a');
    tracker.flush();
    jest.advanceTimersByTime(4999);
    expect(told).toEqual([['a', 2]]);
    jest.advanceTimersByTime(1);
    expect(told).toEqual([['a', 2], ['a', 1]]);
    layers.set('a', 2);
    tracker.mark('a');
    tracker.flush();
    expect(told).toEqual([['a', 2], ['a', 1], ['a', 2]]);
  });

  it('tells a producer again once forgotten (a new encoder), and nothing for what is not a layered camera', () => {
    const layers = new Map<string, number | null>([['a', 1], ['mic', null]]);
    const { tracker, told } = tracked(layers);
    tracker.mark('a');
    tracker.mark('mic');
    tracker.flush();
    tracker.forget('a');
    tracker.mark('a');
    tracker.flush();
    expect(told).toEqual([['a', 1], ['a', 1]]);
  });
});
