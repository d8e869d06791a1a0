import type { FloorRequestStatus } from '@hoinghi/contracts';
import { endFloor, enqueuePosition, FloorEntry, grant, holder, move, queued, withdraw } from './floor-queue';
import { caught } from './testing/caught';

interface Request extends FloorEntry {
  note: string;
}

const T0 = new Date('2024-05-20T08:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function req(
  id: string,
  position: number,
  status: FloorRequestStatus = 'queued',
  extra: Partial<Request> = {},
): Request {
  return {
    id,
    siteId: extra.siteId ?? 'site-1',
    participantId: extra.participantId === undefined ? `p-${id}` : extra.participantId,
    status,
    position,
    grantedAt: extra.grantedAt ?? (status === 'speaking' || status === 'done' ? T0 : null),
    endedAt: extra.endedAt ?? null,
    spokenSeconds: extra.spokenSeconds ?? null,
    note: extra.note ?? `note ${id}`,
  };
}

/** Applies the changes a rule returned, as the service writes them. */
const apply = (entries: Request[], changes: Request[]) => entries.map((e) => changes.find((c) => c.id === e.id) ?? e);

describe('queued', () => {
  it('lists only waiting requests, in queue order', () => {
    const entries = [req('c', 3), req('s', 1, 'speaking'), req('a', 4), req('w', 2, 'withdrawn'), req('b', 2), req('d', 0, 'done')];
    expect(queued(entries).map((e) => e.id)).toEqual(['b', 'c', 'a']);
  });

  it('does not reorder the array it was given', () => {
    const entries = [req('b', 2), req('a', 1)];
    queued(entries);
    expect(entries.map((e) => e.id)).toEqual(['b', 'a']);
  });
});

describe('holder', () => {
  it('is the speaking request', () => {
    expect(holder([req('a', 1), req('s', 2, 'speaking'), req('d', 3, 'done')])?.id).toBe('s');
  });

  it('is undefined when the floor is free', () => {
    expect(holder([req('a', 1), req('d', 2, 'done')])).toBeUndefined();
  });
});

describe('enqueuePosition', () => {
  it('starts the queue at 1', () => {
    expect(enqueuePosition([], 'site-1', 'p-1')).toBe(1);
  });

  it('places a new request after everything else', () => {
    const entries = [req('a', 1, 'speaking'), req('b', 4), req('c', 2)];
    expect(enqueuePosition(entries, 'site-2', 'p-new')).toBe(5);
  });

  it('refuses a second waiting request from the same speaker', () => {
    const entries = [req('a', 1, 'queued', { siteId: 'site-1', participantId: 'p-7' })];
    const error = caught(() => enqueuePosition(entries, 'site-1', 'p-7'));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_ALREADY_REQUESTED');
    expect(error.message).toBe('This speaker is already in the queue.');
  });

  it('refuses a request from the speaker who has the floor', () => {
    const entries = [req('a', 1, 'speaking', { siteId: 'site-1', participantId: 'p-7' })];
    const error = caught(() => enqueuePosition(entries, 'site-1', 'p-7'));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_ALREADY_REQUESTED');
    expect(error.message).toBe('This speaker already has the floor.');
  });

  it('refuses a second request made by a site for itself (no participant)', () => {
    const entries = [req('a', 1, 'queued', { siteId: 'site-1', participantId: null })];
    expect(caught(() => enqueuePosition(entries, 'site-1', null)).code).toBe('FLOOR_ALREADY_REQUESTED');
  });

  it('lets a speaker ask again after their earlier request ended or was withdrawn', () => {
    const entries = [
      req('a', 1, 'done', { siteId: 'site-1', participantId: 'p-7' }),
      req('b', 2, 'withdrawn', { siteId: 'site-1', participantId: 'p-7' }),
    ];
    expect(enqueuePosition(entries, 'site-1', 'p-7')).toBe(3);
  });

  it('treats a site request and a delegate request from that site as different speakers', () => {
    const entries = [req('a', 1, 'queued', { siteId: 'site-1', participantId: null })];
    expect(enqueuePosition(entries, 'site-1', 'p-7')).toBe(2);
    const delegateFirst = [req('a', 1, 'queued', { siteId: 'site-1', participantId: 'p-7' })];
    expect(enqueuePosition(delegateFirst, 'site-1', null)).toBe(2);
  });

  it('lets another site ask for itself', () => {
    const entries = [req('a', 1, 'queued', { siteId: 'site-1', participantId: null })];
    expect(enqueuePosition(entries, 'site-2', null)).toBe(2);
  });
});

describe('grant', () => {
  it('gives a free floor to a waiting request and records when', () => {
    const entries = [req('a', 1), req('b', 2)];
    expect(grant(entries, 'b', at(10))).toEqual([{ ...entries[1], status: 'speaking', grantedAt: at(10) }]);
  });

  it('ends the current holder first, recording how long they spoke', () => {
    const entries = [req('s', 1, 'speaking', { grantedAt: at(0) }), req('a', 2), req('b', 3)];
    const changes = grant(entries, 'a', at(95));
    expect(changes).toEqual([
      { ...entries[0], status: 'done', endedAt: at(95), spokenSeconds: 95 },
      { ...entries[1], status: 'speaking', grantedAt: at(95) },
    ]);
  });

  it('leaves exactly one speaker after a grant', () => {
    let entries = [req('s', 1, 'speaking'), req('a', 2), req('b', 3)];
    entries = apply(entries, grant(entries, 'b', at(30)));
    expect(entries.filter((e) => e.status === 'speaking').map((e) => e.id)).toEqual(['b']);
    entries = apply(entries, grant(entries, 'a', at(60)));
    expect(entries.filter((e) => e.status === 'speaking').map((e) => e.id)).toEqual(['a']);
    expect(entries.find((e) => e.id === 'b')).toMatchObject({ status: 'done', spokenSeconds: 30, endedAt: at(60) });
    expect(queued(entries)).toEqual([]);
  });

  it.each(['speaking', 'done', 'withdrawn'] as const)('refuses to give the floor to a request that is %s', (status) => {
    const entries = [req('a', 1, status)];
    const error = caught(() => grant(entries, 'a', at(5)));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_REQUEST_NOT_QUEUED');
    expect(error.message).toBe(`Cannot give the floor to this request because it is ${status}, not waiting.`);
  });

  it('refuses an unknown request', () => {
    const error = caught(() => grant([req('a', 1)], 'nope', at(5)));
    expect(error.category).toBe('not_found');
    expect(error.code).toBe('FLOOR_REQUEST_NOT_FOUND');
    expect(error.message).toContain('nope');
  });
});

describe('endFloor', () => {
  it('ends the holder and records the spoken seconds', () => {
    const entries = [req('s', 1, 'speaking', { grantedAt: at(0) }), req('a', 2)];
    expect(endFloor(entries, at(125))).toEqual([{ ...entries[0], status: 'done', endedAt: at(125), spokenSeconds: 125 }]);
  });

  it('rounds spoken time to the nearest second', () => {
    const entries = [req('s', 1, 'speaking', { grantedAt: at(0) })];
    expect(endFloor(entries, new Date(T0.getTime() + 61_600))[0].spokenSeconds).toBe(62);
    expect(endFloor(entries, new Date(T0.getTime() + 61_400))[0].spokenSeconds).toBe(61);
  });

  it('never records negative time, even if the clock went back', () => {
    const entries = [req('s', 1, 'speaking', { grantedAt: at(100) })];
    expect(endFloor(entries, at(90))[0].spokenSeconds).toBe(0);
  });

  it('records zero seconds for a holder without a grant time', () => {
    const entries = [req('s', 1, 'speaking')];
    entries[0].grantedAt = null;
    expect(endFloor(entries, at(50))[0]).toMatchObject({ status: 'done', spokenSeconds: 0, endedAt: at(50) });
  });

  it('refuses when nobody has the floor', () => {
    const error = caught(() => endFloor([req('a', 1), req('d', 2, 'done')], at(5)));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_FREE');
    expect(error.message).toBe('Nobody has the floor.');
  });
});

describe('withdraw', () => {
  it('withdraws a waiting request and records when', () => {
    const entries = [req('a', 1), req('b', 2)];
    expect(withdraw(entries, 'a', at(7))).toEqual([{ ...entries[0], status: 'withdrawn', endedAt: at(7) }]);
  });

  it('takes the request out of the queue', () => {
    let entries = [req('a', 1), req('b', 2), req('c', 3)];
    entries = apply(entries, withdraw(entries, 'b', at(7)));
    expect(queued(entries).map((e) => e.id)).toEqual(['a', 'c']);
  });

  it.each(['speaking', 'done', 'withdrawn'] as const)('refuses to withdraw a request that is %s', (status) => {
    const error = caught(() => withdraw([req('a', 1, status)], 'a', at(7)));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_REQUEST_NOT_QUEUED');
    expect(error.message).toBe(`Cannot withdraw this request because it is ${status}, not waiting.`);
  });

  it('refuses an unknown request', () => {
    expect(caught(() => withdraw([], 'a', at(7))).category).toBe('not_found');
  });
});

describe('move', () => {
  const queue = () => [req('s', 1, 'speaking'), req('a', 2), req('b', 3), req('c', 4)];
  const order = (entries: Request[]) => queued(entries).map((e) => e.id);

  it('moves the last request to the front', () => {
    const entries = queue();
    const changes = move(entries, 'c', 1);
    expect(order(apply(entries, changes))).toEqual(['c', 'a', 'b']);
    expect(changes.map((c) => [c.id, c.position])).toEqual([
      ['c', 2],
      ['a', 3],
      ['b', 4],
    ]);
  });

  it('moves the first request to the back', () => {
    const entries = queue();
    const changes = move(entries, 'a', 3);
    expect(order(apply(entries, changes))).toEqual(['b', 'c', 'a']);
  });

  it('returns only the entries whose position changed', () => {
    const entries = queue();
    const changes = move(entries, 'b', 3);
    expect(changes.map((c) => [c.id, c.position])).toEqual([
      ['c', 3],
      ['b', 4],
    ]);
    expect(changes.every((c) => c.status === 'queued')).toBe(true);
  });

  it('changes nothing when moving a request to its own place', () => {
    expect(move(queue(), 'b', 2)).toEqual([]);
  });

  it('keeps the queue slots when positions have gaps', () => {
    const entries = [req('a', 2), req('b', 5), req('c', 9), req('x', 7, 'withdrawn')];
    const changes = move(entries, 'c', 1);
    expect(changes.map((c) => [c.id, c.position])).toEqual([
      ['c', 2],
      ['a', 5],
      ['b', 9],
    ]);
    expect(changes.find((c) => c.id === 'x')).toBeUndefined();
  });

  it('never touches the holder or closed requests', () => {
    const entries = [...queue(), req('d', 0, 'done')];
    const changes = move(entries, 'c', 1);
    expect(changes.map((c) => c.id).sort()).toEqual(['a', 'b', 'c']);
  });

  it.each([0, 4, -1, 1.5, Number.NaN])('refuses place %p outside 1..queue length', (place) => {
    const error = caught(() => move(queue(), 'a', place));
    expect(error.category).toBe('validation');
    expect(error.code).toBe('FLOOR_PLACE_INVALID');
    expect(error.message).toBe('position must be between 1 and 3 (the length of the queue).');
    expect(error.fields).toEqual({ position: ['must be between 1 and 3 (the length of the queue)'] });
  });

  it.each(['speaking', 'done', 'withdrawn'] as const)('refuses to move a request that is %s', (status) => {
    const entries = [req('a', 1), req('z', 2, status)];
    const error = caught(() => move(entries, 'z', 1));
    expect(error.category).toBe('conflict');
    expect(error.code).toBe('FLOOR_REQUEST_NOT_QUEUED');
    expect(error.message).toBe(`Cannot move this request because it is ${status}, not waiting.`);
  });

  it('refuses an unknown request', () => {
    expect(caught(() => move(queue(), 'nope', 1)).code).toBe('FLOOR_REQUEST_NOT_FOUND');
  });
});
