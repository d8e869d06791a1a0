import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The writer chains a delta to the previous *chained* delta of its stream (state deltas such as the
 * totals are coalesced and never chained to): the stream index only needs those rows, and with them
 * alone `max(version)` stays one index probe however many totals a stream has.
 */
export class ChainedEventsIndex1796140800000 implements MigrationInterface {
  name = 'ChainedEventsIndex1796140800000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_conference_events_stream"`);
    await queryRunner.query(`CREATE INDEX "IDX_conference_events_chain" ON "conference_events" ("conference_id", "stream", "version") WHERE prev IS NOT NULL`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_conference_events_chain"`);
    await queryRunner.query(`CREATE INDEX "IDX_conference_events_stream" ON "conference_events" ("conference_id", "stream", "version") `);
  }
}
