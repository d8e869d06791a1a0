import { decideSeat } from './publisher-seat';

const operator = { connectionId: 'socket-op', userId: 'vanhanh' };
const ask = (over: Partial<Parameters<typeof decideSeat>[1]> = {}) => ({
  connectionId: 'socket-chair', userId: 'chutri', role: 'publisher' as const, takeOver: false, ...over,
});

describe('one publisher per site', () => {
  it('seats any number of viewers, whoever publishes', () => {
    expect(decideSeat(operator, ask({ role: 'viewer' }))).toEqual({ outcome: 'viewer' });
    expect(decideSeat(null, ask({ role: 'viewer' }))).toEqual({ outcome: 'viewer' });
  });

  it('gives a free camera to the first publisher', () => {
    expect(decideSeat(null, ask())).toEqual({ outcome: 'publisher', displaces: null });
  });

  it('refuses a second publisher of another user, naming the holder', () => {
    expect(decideSeat(operator, ask())).toEqual({ outcome: 'refused', holder: 'socket-op' });
  });

  it('lets a publisher take the camera over deliberately', () => {
    expect(decideSeat(operator, ask({ takeOver: true }))).toEqual({ outcome: 'publisher', displaces: 'socket-op' });
  });

  it('lets the holder\'s own user take it back without asking (a reload, a second tab)', () => {
    expect(decideSeat(operator, ask({ userId: 'vanhanh', connectionId: 'socket-op-2' }))).toEqual({ outcome: 'publisher', displaces: 'socket-op' });
  });

  it('keeps the camera with a connection that joins again on the same socket', () => {
    expect(decideSeat(operator, ask({ userId: 'vanhanh', connectionId: 'socket-op' }))).toEqual({ outcome: 'publisher', displaces: null });
  });
});
