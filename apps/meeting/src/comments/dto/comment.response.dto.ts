import { ApiProperty } from '@nestjs/swagger';
import {
  COMMENT_KINDS, COMMENT_STATUSES, RECEIPT_STATUSES, type CommentKind, type CommentReceipt, type CommentsSection, type CommentStatus,
  type CommentView, type ReceiptStatus,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class CommentReceiptResponseDto implements CommentReceipt {
  @IdProperty({ description: 'Keep it: the comment\'s delta to you (`comment.received`) and GET …/comments/receipts/:receiptId name it.' }) receiptId!: string;
  @EnumProperty(RECEIPT_STATUSES, { description: '`accepted`: durable and queued; `received`: stored.' }) status!: ReceiptStatus;
}

export class CommentReceiptStateResponseDto extends CommentReceiptResponseDto implements Omit<CommentsSection['receipts'][number], never> {
  @IdProperty() draftId!: string;
  @IdProperty({ nullable: true, description: 'Once received.' }) commentId!: string | null;
}

export class CommentResponseDto implements CommentView {
  @IdProperty() id!: string;
  @IdProperty() receiptId!: string;
  @IdProperty() draftId!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) draftVersion!: number;
  @IdProperty({ nullable: true, description: 'null: the whole draft.' }) sectionId!: string | null;
  @ApiProperty({ description: 'The section\'s own numbering ("Điều 2."); empty for the whole draft.' }) sectionLabel!: string;
  @EnumProperty(COMMENT_KINDS) kind!: CommentKind;
  @IdProperty() authorUserId!: string;
  @ApiProperty() authorName!: string;
  @IdProperty({ nullable: true }) siteId!: string | null;
  @IdProperty({ nullable: true }) speakerParticipantId!: string | null;
  @ApiProperty({ type: String, nullable: true }) speakerName!: string | null;
  @IdProperty({ nullable: true }) floorRequestId!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true, description: 'Đề nghị sửa thành.' }) proposal!: string | null;
  @EnumProperty(COMMENT_STATUSES) status!: CommentStatus;
  @TimeProperty() createdAt!: string;
  @TimeProperty() updatedAt!: string;
}

export class CommentsSectionResponseDto implements CommentsSection {
  @ApiProperty({ type: [CommentResponseDto], description: 'Leaders: every comment; others: their own and (site staff) their site\'s opinions.' }) items!: CommentResponseDto[];
  @ApiProperty({ type: [CommentReceiptStateResponseDto], description: 'The viewer\'s own submissions.' }) receipts!: CommentReceiptStateResponseDto[];
}
