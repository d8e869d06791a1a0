import { AUDIT_PAGE_MAX, type AuditQuery } from '@hoinghi/contracts';
import { DateTimeField, IdField, IntField, TextField } from '../../common/dto-fields';

export class AuditQueryDto implements AuditQuery {
  @TextField(60, { optional: true, description: 'An action (`floor.grant`) or a group of them (`floor`).', example: 'floor' })
  action?: string;

  @IdField({ optional: true, description: 'Only what this person did.' })
  actorUserId?: string;

  @DateTimeField({ optional: true, description: 'From this instant (inclusive).' })
  from?: string;

  @DateTimeField({ optional: true, description: 'Up to this instant (exclusive); after `from`.' })
  to?: string;

  @IntField(1, AUDIT_PAGE_MAX, { optional: true, fromQuery: true, description: 'At most this many, newest first (default 500).' })
  limit?: number;
}
