import type { MediaKind, ProducerSource } from '@hoinghi/contracts';

/**
 * The programme rule: who flows to whom. Pure, so it can be read and tested without mediasoup.
 *
 * Everything is decided by *sites*, not connections: a viewer connection of a site (the chair's console,
 * a phone) receives exactly what its site receives, and only a site's publisher connection sends.
 * - The main site sees every site (the chair's grid).
 * - Any other site sees the programme: the main site and the floor holder.
 * - No site receives its own media (its hall hears itself already; its preview is local).
 * - The next speakers in the floor queue are kept warm: their video (not their sound) flows to every
 *   site at its lowest layer, so that a grant to one of them is a layer change, not a wait for a key frame.
 * - A shared screen (content sharing, at most one per conference) goes to every site: the main site
 *   shares always, the floor holder while the chair allows it.
 * - A site the chair muted sends no sound: the gateway keeps its microphone paused.
 */
export interface ProgrammeState {
  mainSiteId: string | null;
  floorSiteId: string | null;
  /** The next speakers kept warm (the head of the floor queue, MEDIA_WARM_SPEAKERS of it). */
  warmSiteIds?: readonly string[];
}

/** The site a connection receives for, and whether it is the main site. */
export interface Receiver {
  siteId: string;
  isMain: boolean;
}

/** Sites on the programme: the main site and the floor holder (once each, main first). */
export function programmeSites(state: ProgrammeState): string[] {
  return [...new Set([state.mainSiteId, state.floorSiteId])].filter((s): s is string => s !== null);
}

export function onAir(state: ProgrammeState, siteId: string): boolean {
  return siteId === state.mainSiteId || siteId === state.floorSiteId;
}

/** A next speaker kept warm, and not on the programme already. */
export function isWarm(state: ProgrammeState, siteId: string): boolean {
  return !onAir(state, siteId) && (state.warmSiteIds ?? []).includes(siteId);
}

/** A connection may hold consumers of any site but its own. */
export function mayConsume(receiver: Receiver, sourceSiteId: string): boolean {
  return receiver.siteId !== sourceSiteId;
}

/**
 * Which producers a connection hears about: the main site all (grid); other sites the programme and the
 * warm next speakers, or every site while the conference has at most `standbyMaxSites` sites (standby
 * consumers: a floor switch is then no signalling round trip).
 */
export function isAnnounced(
  state: ProgrammeState, receiver: Receiver, sourceSiteId: string, sites: { count: number; standbyMax: number }, source: ProducerSource = 'camera',
): boolean {
  if (!mayConsume(receiver, sourceSiteId)) return false;
  return source === 'screen' || receiver.isMain || onAir(state, sourceSiteId) || isWarm(state, sourceSiteId) || sites.count <= sites.standbyMax;
}

/** What decides one consumer besides the programme: the client's wish and the link's audio-only state. */
export interface FlowConditions {
  /** The client asked for it (ResumeConsumer) and has not paused it. */
  wanted: boolean;
  /** The receiving connection's downlink is so lossy that it gets audio only. */
  audioOnly: boolean;
}

/** A producer as the rule sees it; `source` is 'camera' unless said. */
export interface SourceOf {
  siteId: string;
  kind: MediaKind;
  source?: ProducerSource;
}

/** Whether a consumer of `source` should flow to `receiver` now. */
export function shouldFlow(state: ProgrammeState, receiver: Receiver, source: SourceOf, conditions: FlowConditions): boolean {
  if (!conditions.wanted || !mayConsume(receiver, source.siteId)) return false;
  if (source.kind === 'video' && conditions.audioOnly) return false;
  return source.source === 'screen' || receiver.isMain || onAir(state, source.siteId) || (source.kind === 'video' && isWarm(state, source.siteId));
}

/**
 * Whether a consumer that flows is a warm next speaker's camera video, kept at the lowest layer: at the
 * main site too (its hall's page keeps it hidden like a district's, its wall shows it as a small tile), so
 * that a warm speaker's camera encodes only that layer until the grant (send-layers.ts).
 */
export function isStandbyLayer(state: ProgrammeState, source: SourceOf): boolean {
  return source.kind === 'video' && source.source !== 'screen' && isWarm(state, source.siteId);
}

/** Who may share a screen: the main site always, the floor holder while the chair allows it. */
export function mayShareScreen(state: ProgrammeState, siteId: string, floorShareAllowed: boolean): boolean {
  return siteId === state.mainSiteId || (floorShareAllowed && siteId === state.floorSiteId);
}

/**
 * A new share: 'allowed'; 'not-allowed' (403) for a site that may not share; 'busy' (409) while another
 * share runs — one screen at a time, and the running one is not replaced: a hall's slides do not vanish
 * because someone else pressed "share" (the chair ends a floor holder's share by withdrawing the permission).
 */
export function decideShare(
  state: ProgrammeState, siteId: string, current: { siteId: string } | null, floorShareAllowed: boolean,
): 'allowed' | 'not-allowed' | 'busy' {
  if (!mayShareScreen(state, siteId, floorShareAllowed)) return 'not-allowed';
  return current ? 'busy' : 'allowed';
}

/** A running share stops once its site may no longer share (the floor moved on, the chair withdrew the permission). */
export function shareMustStop(state: ProgrammeState, sharingSiteId: string, floorShareAllowed: boolean): boolean {
  return !mayShareScreen(state, sharingSiteId, floorShareAllowed);
}

/**
 * Two shares started at once on two gateways of a conference (each saw no other when it began): the
 * one that began first stays, ties broken by site id, so that every gateway keeps the same one.
 */
export function firstShare<S extends { siteId: string; since: string }>(a: S, b: S): S {
  if (a.since !== b.since) return a.since < b.since ? a : b;
  return a.siteId <= b.siteId ? a : b;
}

/** A site's microphone is paused at the gateway while the site paused it itself or the chair muted the site. */
export function micPaused(mic: { selfPaused: boolean; chairMuted: boolean }): boolean {
  return mic.selfPaused || mic.chairMuted;
}

/** The source sites whose consumers may change state when the floor moves from `before` to `after`. */
export function sitesAffectedByFloorChange(before: string | null, after: string | null): Set<string> {
  if (before === after) return new Set();
  return new Set([before, after].filter((s): s is string => s !== null));
}

/** The source sites whose consumers may change state when the warm next speakers change: those in one list only. */
export function sitesAffectedByWarmChange(before: readonly string[], after: readonly string[]): Set<string> {
  return new Set([...before, ...after].filter((s) => before.includes(s) !== after.includes(s)));
}
