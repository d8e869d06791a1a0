/** A live media gateway as the placement sees it. */
export interface GatewayLoad {
  id: string;
  /** Sites connected to it (its last heartbeat) plus those placed on it since. */
  sites: number;
  consumers: number;
  /** Some site of this conference is placed on it already. */
  hostsConference: boolean;
}

/**
 * Which gateway a site joins a conference on (docs/architecture.md, "Several hosts"). A site stays where
 * it was placed while that gateway lives, so its connections (the hall's camera, the chair's console, a
 * reload) meet on one gateway. Otherwise the least loaded live gateway by sites; on a tie one that
 * already serves the conference (fewer pipes between hosts), then fewer consumers, then the id (so
 * every meeting instance decides alike). Null: no live gateway.
 */
export function placeSite(gateways: readonly GatewayLoad[], current: string | null): string | null {
  if (current !== null && gateways.some((g) => g.id === current)) return current;
  const ranked = [...gateways].sort((a, b) =>
    a.sites - b.sites || Number(b.hostsConference) - Number(a.hostsConference) || a.consumers - b.consumers || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return ranked[0]?.id ?? null;
}
