import { ApiProperty } from '@nestjs/swagger';
import type { AuditEntryView } from '@hoinghi/contracts';
import { IdProperty, TimeProperty } from '../../common/api-docs';

export class AuditEntryResponseDto implements AuditEntryView {
  @ApiProperty({ description: 'Increases with every entry (a 64-bit number, as text).', example: '42' }) id!: string;
  @TimeProperty() at!: string;
  @IdProperty({ nullable: true, description: 'null: the platform itself (e.g. the media gateway).' }) actorUserId!: string | null;
  @ApiProperty({ type: String, nullable: true }) actorName!: string | null;
  @ApiProperty({ example: 'floor.grant' }) action!: string;
  @ApiProperty({ type: Object, additionalProperties: true }) details!: Record<string, unknown>;
}
