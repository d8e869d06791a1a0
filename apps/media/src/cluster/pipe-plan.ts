import { isAnnounced, ProgrammeState, Receiver } from '../programme/programme-rule';
import type { RoomState, RoomStateSite } from './cluster-messages';

/** A site connected to another gateway of the conference, with what it publishes there. */
export interface RemoteSite extends RoomStateSite {
  gatewayId: string;
  instance: string;
}

/**
 * The sites of a conference that other gateways serve, from their room states: a site connected here
 * is local whatever the others say (a site moved here while its old gateway's state lingers), and a
 * site two others claim is taken from the first by gateway id (the same answer on every gateway).
 */
export function remoteSites(states: Iterable<RoomState>, localSiteIds: ReadonlySet<string>): RemoteSite[] {
  const sites = new Map<string, RemoteSite>();
  for (const state of [...states].sort((a, b) => (a.gatewayId < b.gatewayId ? -1 : 1))) {
    for (const site of state.sites) {
      if (localSiteIds.has(site.siteId) || sites.has(site.siteId)) continue;
      sites.set(site.siteId, { ...site, gatewayId: state.gatewayId, instance: state.instance });
    }
  }
  return [...sites.values()];
}

/**
 * The remote sites whose producers must be piped here: those announced to at least one local connection
 * (programme-rule.ts isAnnounced). So a gateway with only districts of a large conference pipes the main
 * hall and the floor holder; the gateway of the main hall pipes everyone (its grid); in a conference with
 * warm standby every gateway pipes every site, and a floor switch stays a resume on each host.
 */
export function remoteSitesWanted(state: ProgrammeState, receivers: Iterable<Receiver>, remote: Iterable<string>, sites: { count: number; standbyMax: number }): Set<string> {
  // A remote site is never a local receiver's own, so the main site's connection is announced a superset
  // of what any district's is: one receiver stands for all (linear in sites, not sites × connections).
  let representative: Receiver | null = null;
  for (const receiver of receivers) {
    representative = receiver;
    if (receiver.isMain) break;
  }
  const wanted = new Set<string>();
  if (!representative) return wanted;
  for (const siteId of remote) if (isAnnounced(state, representative, siteId, sites)) wanted.add(siteId);
  return wanted;
}

/**
 * How long a room-state write waits: none after a quiet spell (a single change goes out at once), else
 * until `intervalMs` after the previous write, so a burst of changes costs one write per interval.
 */
export function roomStateDelay(lastWrittenAt: number, now: number, intervalMs: number): number {
  return Math.max(0, lastWrittenAt + intervalMs - now);
}
