import { DEV_SECRETS, envBallotSealKey, envBallotSealKeys } from './env';

describe('ballot seal keys from the environment', () => {
  const current = 'the-current-ballot-seal-key-of-32-bytes-or-more';
  const old = 'the-retired-ballot-seal-key-of-32-bytes-or-more';
  const production = { BALLOT_SEAL_KEY: current, BALLOT_SEAL_KEY_ID: '2027-01' };

  it('name the current key (1 by default) and put it first, the retired ones after it in their order', () => {
    expect(envBallotSealKey({ NODE_ENV: 'test' })).toEqual({ id: '1', secret: DEV_SECRETS.BALLOT_SEAL_KEY });
    expect(envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: `2026-07:${old}, 2026-01:${old}-older` })).toEqual([
      { id: '2027-01', secret: current }, { id: '2026-07', secret: old }, { id: '2026-01', secret: `${old}-older` },
    ]);
    expect(envBallotSealKeys(production)).toEqual([{ id: '2027-01', secret: current }]);
  });

  it('refuse a malformed entry, an id or a secret used twice, and a weak retired key in production', () => {
    expect(() => envBallotSealKey({ ...production, BALLOT_SEAL_KEY_ID: 'năm 2027' })).toThrow('BALLOT_SEAL_KEY_ID must be 1 to 40 letters');
    expect(() => envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: old })).toThrow('BALLOT_SEAL_OLD_KEYS entry 1 must be id:secret');
    expect(() => envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: `2027-01:${old}` })).toThrow('the key id "2027-01" is used twice');
    expect(() => envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: `2026:${current}` })).toThrow('the same secret as key "2027-01"');
    expect(() => envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: '2026:short' })).toThrow('BALLOT_SEAL_OLD_KEYS entry 1 (2026) must be at least 32 bytes long, got 5');
    expect(() => envBallotSealKeys({ ...production, BALLOT_SEAL_OLD_KEYS: `2026:${DEV_SECRETS.BALLOT_SEAL_KEY}` })).toThrow('must not be the development secret');
    expect(envBallotSealKeys({ NODE_ENV: 'development', BALLOT_SEAL_OLD_KEYS: 'old:short' })[1]).toEqual({ id: 'old', secret: 'short' });
  });
});
