import type { EntityManager } from 'typeorm';

/** Who made the conference's last change of a kind (audit actions starting with `actionPrefix`), and when. */
export async function lastChangeBy(em: EntityManager, conferenceId: string, actionPrefix: string): Promise<{ name: string | null; at: string | null }> {
  const [last] = await em.query(
    `SELECT u.full_name AS name, a.at FROM audit_entries a LEFT JOIN users u ON u.id = a.actor_user_id
      WHERE a.conference_id = $1 AND a.action LIKE $2 ORDER BY a.id DESC LIMIT 1`,
    [conferenceId, `${actionPrefix}%`],
  ) as Array<{ name: string | null; at: Date }>;
  return { name: last?.name ?? null, at: last?.at.toISOString() ?? null };
}
