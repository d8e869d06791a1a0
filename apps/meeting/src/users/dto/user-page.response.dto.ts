import { ApiProperty } from '@nestjs/swagger';
import type { UserPage } from '@hoinghi/contracts';
import { UserResponseDto } from '../../auth/dto/auth.response.dto';

export class UserPageResponseDto implements UserPage {
  @ApiProperty({ type: [UserResponseDto] }) items!: UserResponseDto[];
  @ApiProperty({ type: 'integer', description: 'Matches in all, on every page.' }) total!: number;
  @ApiProperty({ type: 'integer' }) limit!: number;
  @ApiProperty({ type: 'integer' }) offset!: number;
}
