import { sealBallot, unsealBallot } from './ballot-seal';

describe('sealed ballots', () => {
  const key = 'a-test-key-of-at-least-thirty-two-bytes';
  it('open only for the poll and key they were sealed for, and never look alike', () => {
    const sealed = sealBallot(key, 'poll-1', 'hml');
    expect(unsealBallot(key, 'poll-1', sealed)).toBe('hml');
    expect(sealBallot(key, 'poll-1', 'hml').equals(sealed)).toBe(false); // a fresh IV each time
    expect(sealed.toString('latin1')).not.toContain('hml');
    expect(() => unsealBallot(key, 'poll-2', sealed)).toThrow();
    expect(() => unsealBallot(`${key}x`, 'poll-1', sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => unsealBallot(key, 'poll-1', tampered)).toThrow();
  });

  it('are as long as each other for codes of one length', () => {
    expect(sealBallot(key, 'p', 'hhh').length).toBe(sealBallot(key, 'p', 'lml').length);
  });
});
