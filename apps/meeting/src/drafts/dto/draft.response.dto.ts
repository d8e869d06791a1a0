import { ApiProperty } from '@nestjs/swagger';
import {
  CONSULTATION_STATES, DISPOSITIONS, DRAFT_SOURCES, type ConsultationState, type Disposition, type DraftDiffView, type DraftSectionChange, type DraftSectionView,
  type DraftSource, type DraftSummary, type DraftVersionView,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty, TimeProperty } from '../../common/api-docs';

export class DraftSummaryResponseDto implements DraftSummary {
  @IdProperty() id!: string;
  @IdProperty({ nullable: true }) agendaItemId!: string | null;
  @ApiProperty() title!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) currentVersion!: number;
  @ApiProperty({ type: 'integer' }) sectionCount!: number;
  @EnumProperty(CONSULTATION_STATES) consultation!: ConsultationState;
  @TimeProperty() updatedAt!: string;
}

export class DraftSectionResponseDto implements DraftSectionView {
  @IdProperty() id!: string;
  @ApiProperty({ type: 'integer', minimum: 1 }) position!: number;
  @ApiProperty({ description: 'The document\'s own numbering: "Chương II", "Điều 3.", "2.", "b)"; empty before the first.' }) label!: string;
  @ApiProperty() heading!: string;
  @ApiProperty() text!: string;
  @ApiProperty({ type: 'integer', description: 'Depth in the outline: parts 1 … lettered points 8; 0 for text before the first.' }) level!: number;
  @IdProperty({ nullable: true }) parentId!: string | null;
}

export class AbsorbedPointResponseDto implements Omit<DraftVersionView['absorbedPoints'][number], never> {
  @IdProperty() id!: string;
  @ApiProperty() summary!: string;
  @ApiProperty() sectionLabel!: string;
  @EnumProperty(DISPOSITIONS, { nullable: true }) disposition!: Disposition | null;
}

export class DraftVersionResponseDto implements DraftVersionView {
  @IdProperty() draftId!: string;
  @ApiProperty() title!: string;
  @IdProperty({ nullable: true }) agendaItemId!: string | null;
  @ApiProperty({ type: 'integer', minimum: 1 }) version!: number;
  @EnumProperty(DRAFT_SOURCES) source!: DraftSource;
  @ApiProperty({ type: String, nullable: true }) fileName!: string | null;
  @ApiProperty() note!: string;
  @TimeProperty() createdAt!: string;
  @ApiProperty() createdByName!: string;
  @ApiProperty({ type: [DraftSectionResponseDto] }) sections!: DraftSectionResponseDto[];
  @ApiProperty({ type: [AbsorbedPointResponseDto], description: 'The consolidation points this version absorbed.' }) absorbedPoints!: AbsorbedPointResponseDto[];
}

export class DraftSectionChangeResponseDto {
  @EnumProperty(['unchanged', 'changed', 'added', 'removed']) change!: DraftSectionChange['change'];
  @ApiProperty({ type: DraftSectionResponseDto, required: false, description: 'Absent for an added section.' }) before?: DraftSectionResponseDto;
  @ApiProperty({ type: DraftSectionResponseDto, required: false, description: 'Absent for a removed section.' }) after?: DraftSectionResponseDto;
}

export class DraftDiffResponseDto implements Omit<DraftDiffView, 'changes'> {
  @IdProperty() draftId!: string;
  @ApiProperty({ type: 'integer' }) from!: number;
  @ApiProperty({ type: 'integer' }) to!: number;
  @ApiProperty({ type: [DraftSectionChangeResponseDto] }) changes!: DraftSectionChangeResponseDto[];
}
