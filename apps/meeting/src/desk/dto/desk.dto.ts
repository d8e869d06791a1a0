import { DESK_LIMITS, type SendDeskMessageRequest } from '@hoinghi/contracts';
import { TextField } from '../../common/dto-fields';

export class SendDeskMessageRequestDto implements SendDeskMessageRequest {
  @TextField(DESK_LIMITS.textChars, { example: 'Điểm cầu Lai Vung kiểm tra lại micrô, tiếng đang rè.' })
  text!: string;
}
