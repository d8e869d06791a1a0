import type { CopyConferenceRequest, UpdateConferenceRequest } from '@hoinghi/contracts';
import { DateTimeField, IntField, TextField } from '../../common/dto-fields';

export class UpdateConferenceRequestDto implements UpdateConferenceRequest {
  @TextField(300, { optional: true })
  title?: string;

  @DateTimeField({ optional: true, description: 'Only before the conference starts.' })
  plannedStart?: string;

  @DateTimeField({ optional: true })
  plannedEnd?: string;

  @IntField(1, 100, { optional: true, description: 'Only before the conference starts.' })
  quorumNumerator?: number;

  @IntField(1, 100, { optional: true, description: 'Only before the conference starts.' })
  quorumDenominator?: number;
}

export class CopyConferenceRequestDto implements CopyConferenceRequest {
  @TextField(300, { example: 'Hội nghị sơ kết 6 tháng đầu năm 2027' })
  title!: string;

  @DateTimeField()
  plannedStart!: string;

  @DateTimeField()
  plannedEnd!: string;
}
