import { ApiProperty } from '@nestjs/swagger';
import {
  DOCUMENT_KINDS, DOCUMENT_STATUSES, type DocumentJobReceipt, type DocumentJobView, type DocumentKind, type DocumentStatus,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class DocumentJobReceiptResponseDto implements DocumentJobReceipt {
  @IdProperty({ description: 'Poll GET /conferences/:id/documents/:jobId.' }) jobId!: string;
  @EnumProperty(DOCUMENT_STATUSES) status!: DocumentStatus;
}

export class DocumentJobResponseDto implements DocumentJobView {
  @IdProperty() jobId!: string;
  @EnumProperty(DOCUMENT_KINDS) kind!: DocumentKind;
  @EnumProperty(DOCUMENT_STATUSES, { description: '`ready`: GET …/documents/:jobId/file.' }) status!: DocumentStatus;
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: 'integer', nullable: true }) bytes!: number | null;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'A PDF signed with the issuing body\'s certificate (PAdES): its common name; null when unsigned.' }) signedBy!: string | null;
  @TimeProperty() createdAt!: string;
  @TimeProperty({ nullable: true }) readyAt!: string | null;
}
