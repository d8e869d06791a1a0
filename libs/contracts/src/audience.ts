// Who may see a change. Every change in the log names one audience; live delivery, catch-up and
// snapshots all decide visibility from it with the rule in @hoinghi/domain (audiences.ts).

export type Audience =
  /** Everyone convened to the conference, at every site. */
  | { kind: 'conference' }
  /** The chairs, co-chairs and the secretariat. */
  | { kind: 'leaders' }
  /** Everyone attending at one site (its chair, operators, delegates), and the leaders. */
  | { kind: 'site'; siteId: string }
  /** The chair and operators of one site only: delegates' records and absence reasons. */
  | { kind: 'site-staff'; siteId: string }
  /** One person (e.g. the receipt of their own ballot). */
  | { kind: 'person'; userId: string }
  /**
   * The private channel between the main hall's technical desk and one site: that site's chair and
   * operators, and the desk (the chairs, co-chairs and the main site's chair and operators). Not the
   * secretariat, not the site's delegates, never another site.
   */
  | { kind: 'desk'; siteId: string };

export type AudienceKind = Audience['kind'];

/**
 * The stream an audience's changes form: `conference`, `leaders`, `site:<id>`, `site-staff:<id>`,
 * `person:<id>`, `desk:<id>`. Each delta names its stream and the previous version in it (`prev`), so a client
 * can tell a missed change from one it was never meant to see.
 */
export function streamOf(audience: Audience): string {
  switch (audience.kind) {
    case 'conference':
    case 'leaders':
      return audience.kind;
    case 'site':
    case 'site-staff':
    case 'desk':
      return `${audience.kind}:${audience.siteId}`;
    case 'person':
      return `person:${audience.userId}`;
  }
}

export function audienceOf(stream: string): Audience {
  const [kind, id] = stream.split(':', 2);
  switch (kind) {
    case 'conference':
    case 'leaders':
      return { kind };
    case 'site':
    case 'site-staff':
    case 'desk':
      return { kind, siteId: id };
    case 'person':
      return { kind, userId: id };
    default:
      throw new Error(`unknown stream ${stream}`);
  }
}

/** What one viewer may see in one conference, derived from their roles there (domain `viewerScope`). */
export interface ViewerScope {
  userId: string;
  /** Chairs, co-chairs, secretaries: every site's counts and queue. */
  leader: boolean;
  /** Sites the viewer attends at in any role. */
  siteIds: string[];
  /** Sites the viewer runs (site chair, operator): their delegates' records, their desk thread. */
  staffSiteIds: string[];
  /** The main hall's technical desk (chairs, co-chairs, the main site's chair and operators): every site's desk thread. */
  desk: boolean;
}
