import type { MediaControlsView } from '@hoinghi/contracts';

/** The chair's audio commands: one site, or every site but the floor holder; and their undoing. */
export type MuteCommand =
  | { kind: 'mute'; siteId: string }
  | { kind: 'mute-all-but-floor' }
  | { kind: 'unmute'; siteId: string }
  | { kind: 'unmute-all' };

export const NO_MEDIA_CONTROLS: MediaControlsView = { floorShareAllowed: false, mutedSiteIds: [] };

/**
 * The muted sites after a command, in the conference's site order. "All but the floor holder" keeps
 * the floor holder and the main site on (the chair speaks from the main hall; muting it would silence
 * the chair), and mutes every other site, also those that join later; it replaces what was muted before.
 */
export function mutedAfter(
  muted: readonly string[],
  command: MuteCommand,
  sites: { siteIds: readonly string[]; mainSiteId: string | null; floorSiteId: string | null },
): string[] {
  const set = new Set(muted);
  switch (command.kind) {
    case 'mute':
      set.add(command.siteId);
      break;
    case 'unmute':
      set.delete(command.siteId);
      break;
    case 'mute-all-but-floor':
      set.clear();
      for (const id of sites.siteIds) if (id !== sites.mainSiteId && id !== sites.floorSiteId) set.add(id);
      break;
    case 'unmute-all':
      set.clear();
      break;
  }
  return sites.siteIds.filter((id) => set.has(id));
}
