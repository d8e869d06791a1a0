import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { LoginResponse, UserView } from '@hoinghi/contracts';
import { Endpoint } from '../common/api-docs';
import { AuthUser, CurrentUser, Public } from './auth-user';
import { AuthService } from './auth.service';
import { LoginThrottleGuard } from './login-throttle.guard';
import { LoginResponseDto, UserResponseDto } from './dto/auth.response.dto';
import { LoginRequestDto } from './dto/login.dto';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  @Endpoint({ operationId: 'login', summary: 'Sign in; the token goes in Authorization: Bearer.', response: LoginResponseDto, errors: [400, 401, 429] })
  login(@Body() dto: LoginRequestDto): Promise<LoginResponse> {
    return this.auth.login(dto.username, dto.password);
  }

  @ApiBearerAuth()
  @Post('refresh')
  @HttpCode(200)
  @Endpoint({
    operationId: 'refreshToken', summary: 'A fresh access token for a valid one (renew before `expiresAt`; then `auth:renew` on the socket).',
    response: LoginResponseDto, errors: [401],
  })
  refresh(@CurrentUser() user: AuthUser): Promise<LoginResponse> {
    return this.auth.refresh(user);
  }

  @ApiBearerAuth()
  @Get('me')
  @Endpoint({ operationId: 'getMe', summary: 'The signed-in user.', response: UserResponseDto, errors: [401] })
  me(@CurrentUser() user: AuthUser): UserView {
    return user;
  }
}
