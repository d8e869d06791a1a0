import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsDefined, IsNotEmpty, IsString, MaxLength, ValidateIf } from 'class-validator';
import { ATTENDANCE_STATUSES, AttendanceStatus } from '@hoinghi/contracts';
import { EnumField, fieldRule } from '../../common/dto-fields';

export class CheckInRequestDto {
  @EnumField(ATTENDANCE_STATUSES)
  status!: AttendanceStatus;

  // Required only when absent, so not a plain optional TextField.
  @ApiPropertyOptional({ description: 'Required when absent (vắng có lý do).', example: 'Đi công tác', minLength: 1, maxLength: 500 })
  @ValidateIf((o: CheckInRequestDto) => o.status === 'absent' || o.reason !== undefined)
  @MaxLength(500, { message: 'must be at most 500 characters', context: fieldRule('maxLength', 500) })
  @IsNotEmpty({ message: 'must not be empty', context: fieldRule('notEmpty') })
  @IsString({ message: 'must be text', context: fieldRule('text') })
  @IsDefined({ message: 'is required when absent', context: fieldRule('required') })
  reason?: string;
}
