import { TextField } from '../../common/dto-fields';

export class LoginRequestDto {
  @TextField(64, { example: 'chutri' })
  username!: string;

  @TextField(200, { example: 'hoinghi2026' })
  password!: string;
}
