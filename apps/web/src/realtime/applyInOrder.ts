import { applyDelta, type ConferenceDelta, type ConferenceSnapshot } from '@hoinghi/contracts';

export interface InOrderResult {
  snapshot: ConferenceSnapshot;
  applied: ConferenceDelta[];
  /** Deltas beyond a missing version: keep them and ask the server to fill the gap. */
  waiting: ConferenceDelta[];
}

/** Applies deltas strictly version after version; older ones are dropped, later ones wait behind a gap. */
export function applyInOrder(snapshot: ConferenceSnapshot, deltas: ConferenceDelta[]): InOrderResult {
  const sorted = [...deltas].sort((a, b) => a.version - b.version);
  let current = snapshot;
  const applied: ConferenceDelta[] = [];
  const waiting: ConferenceDelta[] = [];
  for (const delta of sorted) {
    if (delta.version <= current.version) continue;
    if (delta.version === current.version + 1 && waiting.length === 0) {
      current = applyDelta(current, delta);
      applied.push(delta);
    } else {
      waiting.push(delta);
    }
  }
  return { snapshot: current, applied, waiting };
}
