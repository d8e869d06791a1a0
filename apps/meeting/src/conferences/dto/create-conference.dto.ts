import {
  AGENDA_ITEM_KINDS, CONFERENCE_LIMITS, AgendaItemKind, AgendaItemRequest, CONFERENCE_KINDS, ConferenceKind, CreateConferenceRequest, CreateSiteRequest,
} from '@hoinghi/contracts';
import {
  BooleanField, DateTimeField, EnumField, IdField, IntField, NestedListField, TextField,
} from '../../common/dto-fields';

export class CreateSiteRequestDto implements CreateSiteRequest {
  @TextField(64, { description: 'A key, unique in this request, that other sites use as parentKey.', example: 'thap-muoi' })
  key!: string;

  @TextField(200, { example: 'Điểm cầu Huyện Tháp Mười' })
  name!: string;

  @TextField(300, { optional: true, example: 'Hội trường Huyện ủy Tháp Mười' })
  place?: string;

  @IdField()
  orgUnitId!: string;

  @TextField(64, { optional: true, description: 'The key of the site this one is relayed through; the main site when omitted.' })
  parentKey?: string;

  @BooleanField({ optional: true, description: 'Exactly one site of the request is the main site (điểm cầu chính).' })
  isMain?: boolean;
}

export class AgendaItemRequestDto implements AgendaItemRequest {
  @TextField(300, { example: 'Quán triệt Nghị quyết' })
  title!: string;

  @EnumField(AGENDA_ITEM_KINDS)
  kind!: AgendaItemKind;

  @TextField(200, { optional: true, example: 'Đồng chí Bí thư Tỉnh ủy' })
  presenter?: string;

  @IntField(1, 600, { example: 20 })
  plannedMinutes!: number;
}

export class CreateConferenceRequestDto implements CreateConferenceRequest {
  @TextField(300, { example: 'Hội nghị trực tuyến góp ý dự thảo văn bản' })
  title!: string;

  @EnumField(CONFERENCE_KINDS)
  kind!: ConferenceKind;

  @IdField({ description: 'The convening body (org unit).' })
  hostUnitId!: string;

  @DateTimeField({ example: '2026-11-23T01:30:00.000Z' })
  plannedStart!: string;

  @DateTimeField({ description: 'After plannedStart.', example: '2026-11-23T04:30:00.000Z' })
  plannedEnd!: string;

  @IntField(1, 1000, { optional: true, description: 'Quorum fraction, at most quorumDenominator; 2/3 when omitted.', example: 2 })
  quorumNumerator?: number;

  @IntField(1, 1000, { optional: true, example: 3 })
  quorumDenominator?: number;

  @NestedListField(() => CreateSiteRequestDto, 'site', 1, CONFERENCE_LIMITS.sites, { description: 'The site tree: exactly one isMain, others name a parentKey or hang off the main site.' })
  sites!: CreateSiteRequestDto[];

  @NestedListField(() => AgendaItemRequestDto, 'agenda item', 0, CONFERENCE_LIMITS.agendaItems)
  agenda!: AgendaItemRequestDto[];
}
