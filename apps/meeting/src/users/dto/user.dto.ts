import { IntField, TextField } from '../../common/dto-fields';

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
