import { Injectable } from '@nestjs/common';
import type { ConferenceSnapshot, ViewerScope } from '@hoinghi/contracts';
import type { ConferenceEntity } from '@hoinghi/database';
import type { EntityManager } from 'typeorm';

/** What a feature shows of a conference to one viewer: its part of the snapshot. */
export interface ConferenceSection {
  readSection(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<Partial<ConferenceSnapshot>>;
}

const SNAPSHOT_KEYS: (keyof ConferenceSnapshot)[] = [
  'version', 'scope', 'conference', 'sites', 'agenda', 'attendance', 'totalsVersion', 'records', 'floor', 'drafts', 'comments', 'points', 'minutes', 'polls', 'desk', 'mediaControls',
];

/**
 * Each feature registers the part of the snapshot it owns; this only assembles them. A new feature
 * adds its section here and its delta types in the contracts, nothing else.
 */
@Injectable()
export class ConferenceViews {
  private readonly sections: ConferenceSection[] = [];

  register(section: ConferenceSection): void {
    this.sections.push(section);
  }

  /** Call inside a REPEATABLE READ transaction, so every section is read at the same version. */
  async snapshot(em: EntityManager, conference: ConferenceEntity, scope: ViewerScope): Promise<ConferenceSnapshot> {
    const parts: Partial<ConferenceSnapshot>[] = [];
    // One after another: a transaction is one connection, which runs one query at a time anyway.
    for (const section of this.sections) parts.push(await section.readSection(em, conference, scope));
    const snapshot = Object.assign({ version: conference.version, scope }, ...parts) as ConferenceSnapshot;
    const missing = SNAPSHOT_KEYS.filter((key) => snapshot[key] === undefined);
    if (missing.length) throw new Error(`no section provides ${missing.join(', ')}`);
    return snapshot;
  }
}
