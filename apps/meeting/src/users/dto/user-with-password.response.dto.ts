import { ApiProperty } from '@nestjs/swagger';
import type { UserWithPassword } from '@hoinghi/contracts';
import { UserResponseDto } from '../../auth/dto/auth.response.dto';

export class UserWithPasswordResponseDto implements UserWithPassword {
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
  @ApiProperty({ description: 'A one-time password, shown once: only its hash is kept.' }) password!: string;
}
