import {
  decideShare, firstShare, isAnnounced, isStandbyLayer, isWarm, mayConsume, micPaused, onAir, programmeSites, shareMustStop, shouldFlow, sitesAffectedByFloorChange,
  sitesAffectedByWarmChange,
} from './programme-rule';

const state = { mainSiteId: 'hall', floorSiteId: 'lai-vung' };
const hall = { siteId: 'hall', isMain: true };
const saDec = { siteId: 'sa-dec', isMain: false };
const laiVung = { siteId: 'lai-vung', isMain: false };
const open = { wanted: true, audioOnly: false };
const small = { count: 3, standbyMax: 50 };
const large = { count: 400, standbyMax: 50 };

describe('the programme rule', () => {
  it('puts the main site and the floor holder on the programme, each once', () => {
    expect(programmeSites(state)).toEqual(['hall', 'lai-vung']);
    expect(programmeSites({ mainSiteId: 'hall', floorSiteId: 'hall' })).toEqual(['hall']);
    expect(programmeSites({ mainSiteId: null, floorSiteId: null })).toEqual([]);
    expect(onAir(state, 'lai-vung')).toBe(true);
    expect(onAir(state, 'sa-dec')).toBe(false);
  });

  it('lets a district receive the main site and the floor holder, not other districts', () => {
    expect(shouldFlow(state, saDec, { siteId: 'hall', kind: 'video' }, open)).toBe(true);
    expect(shouldFlow(state, saDec, { siteId: 'lai-vung', kind: 'audio' }, open)).toBe(true);
    expect(shouldFlow(state, saDec, { siteId: 'thap-muoi', kind: 'video' }, open)).toBe(false);
  });

  it('lets the main site receive every site (the chair\'s grid)', () => {
    expect(shouldFlow(state, hall, { siteId: 'thap-muoi', kind: 'video' }, open)).toBe(true);
    expect(shouldFlow(state, hall, { siteId: 'sa-dec', kind: 'audio' }, open)).toBe(true);
  });

  it('never lets a site receive its own media, whichever of its connections asks', () => {
    // The chair's console is a viewer of the main site: it receives what the main site receives.
    expect(mayConsume(hall, 'hall')).toBe(false);
    expect(shouldFlow(state, hall, { siteId: 'hall', kind: 'video' }, open)).toBe(false);
    expect(shouldFlow(state, laiVung, { siteId: 'lai-vung', kind: 'audio' }, open)).toBe(false);
    expect(isAnnounced(state, hall, 'hall', small)).toBe(false);
  });

  it('flows only what the client wants, and no video on an audio-only link', () => {
    expect(shouldFlow(state, saDec, { siteId: 'hall', kind: 'video' }, { wanted: false, audioOnly: false })).toBe(false);
    expect(shouldFlow(state, saDec, { siteId: 'hall', kind: 'video' }, { wanted: true, audioOnly: true })).toBe(false);
    expect(shouldFlow(state, saDec, { siteId: 'hall', kind: 'audio' }, { wanted: true, audioOnly: true })).toBe(true);
  });

  it('announces every site to a small conference (warm standby), only the programme to a large one, everything to the main site', () => {
    expect(isAnnounced(state, saDec, 'thap-muoi', small)).toBe(true);
    expect(isAnnounced(state, saDec, 'thap-muoi', large)).toBe(false);
    expect(isAnnounced(state, saDec, 'lai-vung', large)).toBe(true);
    expect(isAnnounced(state, hall, 'thap-muoi', large)).toBe(true);
  });

  it('without a main site or floor holder, districts receive nothing', () => {
    const empty = { mainSiteId: null, floorSiteId: null };
    expect(shouldFlow(empty, saDec, { siteId: 'hall', kind: 'video' }, open)).toBe(false);
  });

  it('re-gates only the old and the new floor holder\'s consumers on a floor change', () => {
    expect(sitesAffectedByFloorChange('lai-vung', 'sa-dec')).toEqual(new Set(['lai-vung', 'sa-dec']));
    expect(sitesAffectedByFloorChange(null, 'sa-dec')).toEqual(new Set(['sa-dec']));
    expect(sitesAffectedByFloorChange('sa-dec', null)).toEqual(new Set(['sa-dec']));
    expect(sitesAffectedByFloorChange('sa-dec', 'sa-dec')).toEqual(new Set());
  });

  it('keeps the next speakers warm: their video, not their sound, flows to every site at the lowest layer', () => {
    const queued = { ...state, warmSiteIds: ['thap-muoi', 'lai-vung'] };
    expect(isWarm(queued, 'thap-muoi')).toBe(true);
    expect(isWarm(queued, 'lai-vung')).toBe(false); // on air already: in full
    expect(shouldFlow(queued, saDec, { siteId: 'thap-muoi', kind: 'video' }, open)).toBe(true);
    expect(shouldFlow(queued, saDec, { siteId: 'thap-muoi', kind: 'audio' }, open)).toBe(false);
    expect(shouldFlow(queued, saDec, { siteId: 'thap-muoi', kind: 'video' }, { wanted: true, audioOnly: true })).toBe(false);
    // At every site, the main one too (hidden on the hall's page, a small tile on its wall).
    expect(isStandbyLayer(queued, { siteId: 'thap-muoi', kind: 'video' })).toBe(true);
    expect(isStandbyLayer(queued, { siteId: 'thap-muoi', kind: 'audio' })).toBe(false);
    expect(isStandbyLayer(queued, { siteId: 'lai-vung', kind: 'video' })).toBe(false);
    // A large conference announces them ahead, so their consumers exist before the grant.
    expect(isAnnounced(queued, saDec, 'thap-muoi', large)).toBe(true);
    expect(isAnnounced(queued, saDec, 'cao-lanh', large)).toBe(false);
  });

  it('re-gates the sites that join or leave the warm next speakers', () => {
    expect(sitesAffectedByWarmChange(['a', 'b'], ['b', 'c'])).toEqual(new Set(['a', 'c']));
    expect(sitesAffectedByWarmChange([], ['a'])).toEqual(new Set(['a']));
    expect(sitesAffectedByWarmChange(['a'], ['a'])).toEqual(new Set());
  });
});

describe('the programme rule with a shared screen', () => {
  const screenOf = (siteId: string) => ({ siteId, kind: 'video' as const, source: 'screen' as const });

  it('sends the shared screen to every site but the sharing one, on or off the programme', () => {
    expect(shouldFlow(state, saDec, screenOf('hall'), open)).toBe(true);
    expect(shouldFlow(state, hall, screenOf('lai-vung'), open)).toBe(true);
    expect(shouldFlow(state, laiVung, screenOf('lai-vung'), open)).toBe(false);
    // The screen stays when the floor moves on while the main hall shares.
    expect(shouldFlow({ mainSiteId: 'hall', floorSiteId: null }, saDec, screenOf('hall'), open)).toBe(true);
  });

  it('keeps the screen off an audio-only link and off a connection that did not ask for it', () => {
    expect(shouldFlow(state, saDec, screenOf('hall'), { wanted: true, audioOnly: true })).toBe(false);
    expect(shouldFlow(state, saDec, screenOf('hall'), { wanted: false, audioOnly: false })).toBe(false);
  });

  it('announces the screen to every other site, also in a large conference', () => {
    expect(isAnnounced({ mainSiteId: 'hall', floorSiteId: null }, saDec, 'lai-vung', large, 'screen')).toBe(true);
    expect(isAnnounced(state, laiVung, 'lai-vung', large, 'screen')).toBe(false);
    expect(isAnnounced({ mainSiteId: 'hall', floorSiteId: null }, saDec, 'lai-vung', large)).toBe(false);
  });

  it('lets the main site share always, the floor holder only while the chair allows it, and nobody else', () => {
    expect(decideShare(state, 'hall', null, false)).toBe('allowed');
    expect(decideShare(state, 'lai-vung', null, false)).toBe('not-allowed');
    expect(decideShare(state, 'lai-vung', null, true)).toBe('allowed');
    expect(decideShare(state, 'sa-dec', null, true)).toBe('not-allowed');
  });

  it('refuses a second share while one runs (one screen per conference), whoever asks', () => {
    expect(decideShare(state, 'hall', { siteId: 'lai-vung' }, true)).toBe('busy');
    expect(decideShare(state, 'lai-vung', { siteId: 'hall' }, true)).toBe('busy');
  });

  it('stops the floor holder\'s share when the floor moves on or the permission is withdrawn, never the main hall\'s', () => {
    expect(shareMustStop(state, 'lai-vung', true)).toBe(false);
    expect(shareMustStop(state, 'lai-vung', false)).toBe(true);
    expect(shareMustStop({ mainSiteId: 'hall', floorSiteId: 'sa-dec' }, 'lai-vung', true)).toBe(true);
    expect(shareMustStop({ mainSiteId: 'hall', floorSiteId: null }, 'hall', false)).toBe(false);
  });
});

describe('two shares begun at once on two gateways', () => {
  const at = (siteId: string, since: string) => ({ siteId, since });
  it('keeps the one that began first, whichever gateway asks', () => {
    const hall = at('hall', '2026-12-01T08:00:00.100Z');
    const laiVung = at('lai-vung', '2026-12-01T08:00:00.250Z');
    expect(firstShare(hall, laiVung)).toBe(hall);
    expect(firstShare(laiVung, hall)).toBe(hall);
  });
  it('breaks a tie by site id, the same way on every gateway', () => {
    const a = at('a-site', '2026-12-01T08:00:00.100Z');
    const b = at('b-site', '2026-12-01T08:00:00.100Z');
    expect(firstShare(a, b)).toBe(a);
    expect(firstShare(b, a)).toBe(a);
  });
});

describe('the chair\'s mute', () => {
  it('keeps a muted site\'s microphone paused whatever the site asks, and restores the site\'s own choice on unmute', () => {
    expect(micPaused({ selfPaused: false, chairMuted: true })).toBe(true);
    expect(micPaused({ selfPaused: false, chairMuted: false })).toBe(false);
    expect(micPaused({ selfPaused: true, chairMuted: false })).toBe(true);
  });
});
