import { ApiProperty } from '@nestjs/swagger';
import {
  DISPOSITIONS, type ConsolidationPointView, type ConsolidationReportView, type Disposition, type ReportPoint, type ReportSection,
  type ReportTotals,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class ConsolidationPointResponseDto implements ConsolidationPointView {
  @IdProperty() id!: string;
  @IdProperty() draftId!: string;
  @IdProperty({ nullable: true, description: 'null: the whole draft.' }) sectionId!: string | null;
  @ApiProperty({ description: 'The section\'s own numbering; empty for the whole draft.' }) sectionLabel!: string;
  @ApiProperty() summary!: string;
  @ApiProperty({ type: [String], format: 'uuid' }) commentIds!: string[];
  @EnumProperty(DISPOSITIONS, { nullable: true, description: 'null: not decided yet.' }) disposition!: Disposition | null;
  @ApiProperty() response!: string;
  @ApiProperty({ type: 'integer', nullable: true, description: 'The draft version that absorbed it.' }) absorbedInVersion!: number | null;
  @TimeProperty() createdAt!: string;
  @TimeProperty() updatedAt!: string;
}

class ReportSiteDto {
  @IdProperty() id!: string;
  @ApiProperty() name!: string;
}

class ReportCommentDto {
  @IdProperty() id!: string;
  @ApiProperty({ description: 'The delegate, the speaker, or (a site\'s opinion) the site.' }) who!: string;
  @ApiProperty({ type: String, nullable: true }) siteName!: string | null;
  @ApiProperty() text!: string;
  @ApiProperty({ type: String, nullable: true }) proposal!: string | null;
}

class ReportPointDto implements ReportPoint {
  @IdProperty() pointId!: string;
  @ApiProperty() summary!: string;
  @EnumProperty(DISPOSITIONS, { nullable: true }) disposition!: Disposition | null;
  @ApiProperty() response!: string;
  @ApiProperty({ type: 'integer', nullable: true }) absorbedInVersion!: number | null;
  @ApiProperty({ type: 'integer', description: 'Active comments grouped.' }) commentCount!: number;
  @ApiProperty({ type: [ReportSiteDto], description: 'The sites that raised it: their opinions, and the sites of the delegates and speakers who did.' }) sites!: ReportSiteDto[];
  @ApiProperty({ type: [String], description: 'The delegates and speakers who raised it, by name.' }) delegates!: string[];
  @ApiProperty({ type: [ReportCommentDto] }) comments!: ReportCommentDto[];
}

class ReportSectionDto implements ReportSection {
  @IdProperty({ nullable: true, description: 'null: points on the whole draft.' }) sectionId!: string | null;
  @ApiProperty() label!: string;
  @ApiProperty() heading!: string;
  @ApiProperty({ type: [ReportPointDto] }) points!: ReportPointDto[];
}

class DispositionCountsDto {
  @ApiProperty({ type: 'integer' }) accepted!: number;
  @ApiProperty({ type: 'integer' }) partly_accepted!: number;
  @ApiProperty({ type: 'integer' }) explained!: number;
  @ApiProperty({ type: 'integer', description: 'Not decided yet.' }) pending!: number;
}

class ReportTotalsDto implements ReportTotals {
  @ApiProperty({ type: 'integer', description: 'Active comments on the draft.' }) comments!: number;
  @ApiProperty({ type: 'integer', description: 'Of them, grouped into a point.' }) consolidated!: number;
  @ApiProperty({ type: 'integer' }) points!: number;
  @ApiProperty({ type: DispositionCountsDto }) byDisposition!: DispositionCountsDto;
  @ApiProperty({ type: 'integer', description: 'Distinct sites that commented.' }) sites!: number;
  @ApiProperty({ type: 'integer', description: 'Distinct delegates and speakers that commented.' }) delegates!: number;
}

export class ConsolidationReportResponseDto implements ConsolidationReportView {
  @IdProperty() draftId!: string;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer' }) version!: number;
  @ApiProperty() conferenceTitle!: string;
  @ApiProperty({ description: 'The conference\'s host unit.' }) issuingBody!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The unit above it.' }) superiorBody!: string | null;
  @ApiProperty({ description: 'The main site\'s place, for the place and date line.' }) place!: string;
  @TimeProperty() generatedAt!: string;
  @ApiProperty({ type: [ReportSectionDto] }) sections!: ReportSectionDto[];
  @ApiProperty({ type: ReportTotalsDto }) totals!: ReportTotalsDto;
}
