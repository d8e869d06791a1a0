import type { MediaRole } from '@hoinghi/contracts';

/**
 * One publisher per site: who gets a site's camera when a connection joins. Pure.
 *
 * A viewer join always succeeds. A publisher join gets the camera when nobody holds it, when it asks
 * to take it over deliberately, or when the holder is the same user (a reload or a second tab of the
 * same person: the old connection is usually dead, and it is theirs anyway). Otherwise it is refused,
 * and the caller names the holder.
 */
export interface SeatHolder {
  connectionId: string;
  userId: string;
}

export interface SeatRequest {
  connectionId: string;
  userId: string;
  role: MediaRole;
  takeOver: boolean;
}

export type SeatDecision =
  | { outcome: 'viewer' }
  | { outcome: 'publisher'; displaces: string | null }
  | { outcome: 'refused'; holder: string };

export function decideSeat(holder: SeatHolder | null, request: SeatRequest): SeatDecision {
  if (request.role === 'viewer') return { outcome: 'viewer' };
  if (!holder || holder.connectionId === request.connectionId) return { outcome: 'publisher', displaces: null };
  if (request.takeOver || holder.userId === request.userId) return { outcome: 'publisher', displaces: holder.connectionId };
  return { outcome: 'refused', holder: holder.connectionId };
}
