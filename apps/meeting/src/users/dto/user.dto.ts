import type { CreateUserRequest, UpdateUserRequest } from '@hoinghi/contracts';
import { Matches } from 'class-validator';
import { BooleanField, IntField, TextField } from '../../common/dto-fields';

export const USER_PAGE_DEFAULT = 50;
export const USER_PAGE_MAX = 200;

export class UserSearchQueryDto {
  @TextField(100, { optional: true, description: 'Part of the name or username, with or without diacritics.', example: 'nguyen van an' })
  q?: string;

  @IntField(1, USER_PAGE_MAX, { optional: true, fromQuery: true, description: `Page size; ${USER_PAGE_DEFAULT} when omitted.` })
  limit: number = USER_PAGE_DEFAULT;

  @IntField(0, 1_000_000, { optional: true, fromQuery: true, description: 'How many matches to skip; 0 when omitted.' })
  offset: number = 0;
}

export class CreateUserRequestDto implements CreateUserRequest {
  @TextField(64, { example: 'nguyenvanan', description: '3–64 characters: lower-case letters without diacritics, digits, dot, dash, underscore.' })
  @Matches(/^[a-z0-9][a-z0-9._-]{2,63}$/, { message: 'must be 3–64 characters: lower-case letters without diacritics, digits, dot, dash or underscore' })
  username!: string;

  @TextField(200, { example: 'Nguyễn Văn An' })
  fullName!: string;

  @BooleanField({ optional: true })
  isAdmin?: boolean;

  @BooleanField({ optional: true, description: 'May convene conferences.' })
  canConvene?: boolean;
}

export class UpdateUserRequestDto implements UpdateUserRequest {
  @TextField(200, { optional: true })
  fullName?: string;

  @BooleanField({ optional: true })
  isAdmin?: boolean;

  @BooleanField({ optional: true })
  canConvene?: boolean;

  @BooleanField({ optional: true, description: 'A disabled account cannot sign in, refresh or call anything; its sessions end at once.' })
  disabled?: boolean;
}
