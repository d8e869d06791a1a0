import { mutedAfter } from './media-controls';

const sites = { siteIds: ['hall', 'sa-dec', 'lai-vung', 'cao-lanh'], mainSiteId: 'hall', floorSiteId: 'lai-vung' };

describe('the chair\'s audio commands', () => {
  it('mutes and unmutes one site, keeping the conference\'s site order and no duplicates', () => {
    expect(mutedAfter([], { kind: 'mute', siteId: 'cao-lanh' }, sites)).toEqual(['cao-lanh']);
    expect(mutedAfter(['cao-lanh'], { kind: 'mute', siteId: 'sa-dec' }, sites)).toEqual(['sa-dec', 'cao-lanh']);
    expect(mutedAfter(['sa-dec'], { kind: 'mute', siteId: 'sa-dec' }, sites)).toEqual(['sa-dec']);
    expect(mutedAfter(['sa-dec', 'cao-lanh'], { kind: 'unmute', siteId: 'sa-dec' }, sites)).toEqual(['cao-lanh']);
  });

  it('"all but the floor holder" mutes every site but the floor holder and the main hall (the chair\'s own)', () => {
    expect(mutedAfter(['lai-vung'], { kind: 'mute-all-but-floor' }, sites)).toEqual(['sa-dec', 'cao-lanh']);
  });

  it('"all but the floor holder" without a floor holder mutes every district', () => {
    expect(mutedAfter([], { kind: 'mute-all-but-floor' }, { ...sites, floorSiteId: null })).toEqual(['sa-dec', 'lai-vung', 'cao-lanh']);
  });

  it('unmutes everyone', () => {
    expect(mutedAfter(['sa-dec', 'cao-lanh'], { kind: 'unmute-all' }, sites)).toEqual([]);
  });

  it('forgets a muted site that is no longer in the conference', () => {
    expect(mutedAfter(['gone'], { kind: 'mute', siteId: 'sa-dec' }, sites)).toEqual(['sa-dec']);
  });
});
