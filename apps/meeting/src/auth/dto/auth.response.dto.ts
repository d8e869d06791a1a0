import { ApiProperty } from '@nestjs/swagger';
import type { LoginResponse, UserView } from '@hoinghi/contracts';
import { IdProperty } from '../../common/api-docs';

export class UserResponseDto implements UserView {
  @IdProperty() id!: string;
  @ApiProperty() username!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty() isAdmin!: boolean;
  @ApiProperty({ description: 'May convene conferences and search people.' }) canConvene!: boolean;
  @ApiProperty({ description: 'Disabled by an administrator: cannot sign in.' }) disabled!: boolean;
}

export class LoginResponseDto implements LoginResponse {
  @ApiProperty({ description: 'Bearer token for every other call (Authorization: Bearer …).' }) accessToken!: string;
  @ApiProperty({ type: String, format: 'date-time', description: 'When the token ends; renew it before with POST /auth/refresh.' }) expiresAt!: string;
  @ApiProperty({ type: UserResponseDto }) user!: UserResponseDto;
}
