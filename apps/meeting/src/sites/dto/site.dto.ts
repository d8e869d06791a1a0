import { IdField, TextField } from '../../common/dto-fields';

export class AddSiteRequestDto {
  @TextField(200, { example: 'Điểm cầu Huyện Lấp Vò' })
  name!: string;

  @TextField(300, { optional: true })
  place?: string;

  @IdField()
  orgUnitId!: string;

  @IdField({ optional: true, description: 'The site this one is relayed through; the main site when omitted.' })
  parentSiteId?: string;
}
