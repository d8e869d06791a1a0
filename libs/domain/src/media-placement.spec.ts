import { GatewayLoad, placeSite } from './media-placement';

const gw = (id: string, sites: number, more: Partial<GatewayLoad> = {}): GatewayLoad => ({ id, sites, consumers: 0, hostsConference: false, ...more });

describe('placeSite', () => {
  it('places nothing without a live gateway', () => {
    expect(placeSite([], null)).toBeNull();
    expect(placeSite([], 'host-a')).toBeNull();
  });

  it('keeps a site on its gateway while that one lives, however loaded', () => {
    expect(placeSite([gw('host-a', 900), gw('host-b', 3)], 'host-a')).toBe('host-a');
  });

  it('moves a site whose gateway is gone to the least loaded live one', () => {
    expect(placeSite([gw('host-a', 12), gw('host-b', 3), gw('host-c', 7)], 'host-dead')).toBe('host-b');
  });

  it('places a new site on the gateway with the fewest sites', () => {
    expect(placeSite([gw('host-a', 5), gw('host-b', 4)], null)).toBe('host-b');
  });

  it('on a tie prefers a gateway that serves the conference already, then fewer consumers, then the id', () => {
    expect(placeSite([gw('host-a', 4), gw('host-b', 4, { hostsConference: true })], null)).toBe('host-b');
    expect(placeSite([gw('host-a', 4, { consumers: 90 }), gw('host-b', 4, { consumers: 10 })], null)).toBe('host-b');
    expect(placeSite([gw('host-b', 4), gw('host-a', 4)], null)).toBe('host-a');
  });

  it('spreads the sites of a growing conference over equal gateways', () => {
    const loads = [gw('host-a', 0), gw('host-b', 0)];
    const placed: string[] = [];
    for (let i = 0; i < 6; i++) {
      const id = placeSite(loads, null)!;
      placed.push(id);
      const chosen = loads.find((g) => g.id === id)!;
      chosen.sites++;
      chosen.hostsConference = true;
    }
    expect(placed).toEqual(['host-a', 'host-b', 'host-a', 'host-b', 'host-a', 'host-b']);
  });
});
