import { ApiProperty } from '@nestjs/swagger';
import {
  ATTENDANCE_STATUSES, type AttendanceRecordView, type AttendanceStatus, type AttendanceSummary, type QuorumView, type SiteAttendance,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class AttendanceRecordResponseDto implements AttendanceRecordView {
  @IdProperty() participantId!: string;
  @ApiProperty() fullName!: string;
  @IdProperty() siteId!: string;
  @EnumProperty(ATTENDANCE_STATUSES, { nullable: true, description: 'null: not yet checked.' }) status!: AttendanceStatus | null;
  @ApiProperty({ type: String, nullable: true }) reason!: string | null;
  @TimeProperty({ nullable: true }) checkedInAt!: string | null;
  @TimeProperty({ nullable: true }) checkedOutAt!: string | null;
}

/** The head counts of a site or of the whole conference. */
class AttendanceCountsDto implements Omit<SiteAttendance, 'siteId'> {
  @ApiProperty({ type: 'integer' }) convened!: number;
  @ApiProperty({ type: 'integer', description: 'On time or late, and not checked out.' }) present!: number;
  @ApiProperty({ type: 'integer' }) late!: number;
  @ApiProperty({ type: 'integer' }) absent!: number;
}

export class SiteAttendanceResponseDto extends AttendanceCountsDto implements SiteAttendance {
  @IdProperty() siteId!: string;
}

export class AttendanceTotalsResponseDto extends AttendanceCountsDto implements SiteAttendance {
  @ApiProperty({ enum: ['all'], type: String }) siteId!: 'all';
}

export class QuorumResponseDto implements QuorumView {
  @ApiProperty({ type: 'integer' }) convened!: number;
  @ApiProperty({ type: 'integer' }) present!: number;
  @ApiProperty({ type: 'integer' }) required!: number;
  @ApiProperty() reached!: boolean;
}

export class AttendanceSummaryResponseDto implements AttendanceSummary {
  @ApiProperty({ type: [SiteAttendanceResponseDto] }) perSite!: SiteAttendanceResponseDto[];
  @ApiProperty({ type: AttendanceTotalsResponseDto }) totals!: AttendanceTotalsResponseDto;
  @ApiProperty({ type: QuorumResponseDto }) quorum!: QuorumResponseDto;
}
