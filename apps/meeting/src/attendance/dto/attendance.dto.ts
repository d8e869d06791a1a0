import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@hoinghi/contracts';

export class CheckInRequestDto {
  @ApiProperty({ enum: ATTENDANCE_STATUSES })
  @IsIn(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  @ApiPropertyOptional({ description: 'Required when absent (vắng có lý do).', example: 'Đi công tác' })
  @ValidateIf((o: CheckInRequestDto) => o.status === 'absent' || o.reason !== undefined)
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason?: string;
}
