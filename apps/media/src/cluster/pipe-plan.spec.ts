import type { RoomState } from './cluster-messages';
import { remoteSites, remoteSitesWanted, roomStateDelay } from './pipe-plan';

const I = '00000000-0000-4000-8000-00000000000';
const state = (gatewayId: string, sites: Array<[string, boolean]>): RoomState => ({
  v: 1, gatewayId, instance: `${I}${gatewayId.length}`, sites: sites.map(([siteId, main]) => ({ siteId, main, producers: [{ id: `${siteId}-a`, kind: 'audio' }] })),
});

describe('remoteSites', () => {
  it('lists the sites the other gateways serve, with their gateway', () => {
    expect(remoteSites([state('host-b', [['d1', false]]), state('host-c', [['hall', true]])], new Set(['d2']))).toEqual([
      { siteId: 'd1', main: false, producers: [{ id: 'd1-a', kind: 'audio' }], gatewayId: 'host-b', instance: expect.any(String) },
      { siteId: 'hall', main: true, producers: [{ id: 'hall-a', kind: 'audio' }], gatewayId: 'host-c', instance: expect.any(String) },
    ]);
  });

  it('keeps a site that is connected here local, and gives a site two gateways claim to the first by id', () => {
    const sites = remoteSites([state('host-c', [['d1', false]]), state('host-b', [['d1', false], ['d2', false]])], new Set(['d2']));
    expect(sites.map((s) => `${s.siteId}@${s.gatewayId}`)).toEqual(['d1@host-b']);
  });
});

describe('remoteSitesWanted', () => {
  const district = { siteId: 'd2', isMain: false };
  const hall = { siteId: 'hall', isMain: true };
  const large = { count: 100, standbyMax: 30 };
  const small = { count: 4, standbyMax: 30 };

  it('a gateway of districts only, in a large conference, pipes the main hall and the floor holder', () => {
    const wanted = remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: 'd1' }, [district], ['hall', 'd1', 'd3', 'd4'], large);
    expect([...wanted].sort()).toEqual(['d1', 'hall']);
  });

  it('follows the floor: the new holder in, the old one out', () => {
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: 'd3' }, [district], ['hall', 'd1', 'd3'], large)].sort()).toEqual(['d3', 'hall']);
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: null }, [district], ['hall', 'd1', 'd3'], large)]).toEqual(['hall']);
  });

  it('the main hall\'s gateway pipes every site (the chair\'s grid), whatever districts it has too', () => {
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: null }, [hall], ['d1', 'd3', 'd4'], large)]).toEqual(['d1', 'd3', 'd4']);
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: null }, [district, hall, district], ['d1', 'd3'], large)]).toEqual(['d1', 'd3']);
  });

  it('with warm standby every gateway pipes every site, so a floor switch is a resume on each', () => {
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: null }, [district], ['hall', 'd1', 'd3'], small)]).toEqual(['hall', 'd1', 'd3']);
  });

  it('pipes nothing to a gateway without connections, nor a site to its own gateway', () => {
    expect(remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: 'd1' }, [], ['hall', 'd1'], large).size).toBe(0);
    expect([...remoteSitesWanted({ mainSiteId: 'hall', floorSiteId: 'd2' }, [district], ['hall'], large)]).toEqual(['hall']);
  });
});

describe('roomStateDelay', () => {
  it('writes at once after a quiet spell, else one interval after the last write', () => {
    expect(roomStateDelay(0, 10_000, 200)).toBe(0);
    expect(roomStateDelay(9_900, 10_000, 200)).toBe(100);
    expect(roomStateDelay(10_000, 10_000, 200)).toBe(200);
    expect(roomStateDelay(9_700, 10_000, 200)).toBe(0);
    expect(roomStateDelay(10_000, 10_000, 0)).toBe(0);
  });
});
