import { sealBallot, unsealBallot, type BallotSealKey } from './ballot-seal';

describe('sealed ballots', () => {
  const key: BallotSealKey = { id: '2026', secret: 'a-test-key-of-at-least-thirty-two-bytes' };
  const next: BallotSealKey = { id: '2027', secret: 'the-next-test-key-of-at-least-thirty-two-bytes' };

  it('open only for the poll and key they were sealed for, and never look alike', () => {
    const sealed = sealBallot(key, 'poll-1', 'hml');
    expect(unsealBallot([key], 'poll-1', sealed)).toEqual({ code: 'hml', keyId: '2026' });
    expect(sealBallot(key, 'poll-1', 'hml').equals(sealed)).toBe(false); // a fresh IV each time
    expect(sealed.toString('latin1')).not.toContain('hml');
    expect(unsealBallot([key], 'poll-2', sealed)).toBeNull();
    expect(unsealBallot([{ id: '2026', secret: `${key.secret}x` }], 'poll-1', sealed)).toBeNull();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(unsealBallot([key, next], 'poll-1', tampered)).toBeNull();
  });

  it('open with whichever key of the ring sealed them, in any order, and say which', () => {
    const before = sealBallot(key, 'poll-1', 'hhm');
    const after = sealBallot(next, 'poll-1', 'llm');
    expect(unsealBallot([next, key], 'poll-1', before)).toEqual({ code: 'hhm', keyId: '2026' });
    expect(unsealBallot([next, key], 'poll-1', after)).toEqual({ code: 'llm', keyId: '2027' });
    expect(unsealBallot([key, next], 'poll-1', after)).toEqual({ code: 'llm', keyId: '2027' });
    expect(unsealBallot([next], 'poll-1', before)).toBeNull(); // the old key retired too early
  });

  it('never reuse an IV, across refills of the IV pool', () => {
    const ivs = new Set(Array.from({ length: 10_000 }, () => sealBallot(key, 'poll-1', 'h').subarray(0, 12).toString('hex')));
    expect(ivs.size).toBe(10_000);
  });

  it('are as long as each other for codes of one length, whichever key sealed them (nothing tells a rotation)', () => {
    expect(sealBallot(key, 'p', 'hhh').length).toBe(sealBallot(key, 'p', 'lml').length);
    expect(sealBallot(key, 'p', 'hhh').length).toBe(sealBallot(next, 'p', 'hhh').length);
  });
});
