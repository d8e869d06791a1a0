import { ApiProperty } from '@nestjs/swagger';
import {
  IMPORT_COLUMNS, IMPORT_ROW_ERROR_CODES, PARTICIPANT_ROLES, type ImportColumn, type ImportPreview, type ImportResult, type ImportRowAction,
  type ImportRowError, type ImportRowErrorCode, type ImportRowView, type IssuedPassword, type ParticipantRole,
} from '@hoinghi/contracts';
import { EnumProperty, IdProperty } from '../../common/api-docs';
import { ParticipantResponseDto } from '../../participants/dto/participant.response.dto';

const ACTIONS: ImportRowAction[] = ['add', 'create_user', 'unchanged', 'invalid'];

export class ImportRowErrorResponseDto implements ImportRowError {
  @ApiProperty({ type: 'integer', description: 'The spreadsheet\'s own row number.' }) row!: number;
  @EnumProperty(IMPORT_COLUMNS, { nullable: true }) column!: ImportColumn | null;
  @EnumProperty(IMPORT_ROW_ERROR_CODES) code!: ImportRowErrorCode;
  @ApiProperty() message!: string;
}

export class ImportRowResponseDto implements ImportRowView {
  @ApiProperty({ type: 'integer' }) row!: number;
  @ApiProperty() fullName!: string;
  @ApiProperty() position!: string;
  @ApiProperty({ description: 'As written, or suggested from the name for a new account.' }) username!: string;
  @EnumProperty(PARTICIPANT_ROLES, { nullable: true }) role!: ParticipantRole | null;
  @IdProperty({ nullable: true }) siteId!: string | null;
  @ApiProperty({ type: String, nullable: true }) siteName!: string | null;
  @ApiProperty() votingRight!: boolean;
  @EnumProperty(ACTIONS) action!: ImportRowAction;
}

class ImportCountsDto {
  @ApiProperty({ type: 'integer' }) rows!: number;
  @ApiProperty({ type: 'integer' }) add!: number;
  @ApiProperty({ type: 'integer' }) createUser!: number;
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: 'integer' }) invalid!: number;
}

export class ImportPreviewResponseDto implements ImportPreview {
  @ApiProperty() fileName!: string;
  @ApiProperty({ type: [ImportRowResponseDto] }) rows!: ImportRowResponseDto[];
  @ApiProperty({ type: [ImportRowErrorResponseDto] }) errors!: ImportRowErrorResponseDto[];
  @ApiProperty({ type: ImportCountsDto }) counts!: ImportCountsDto;
}

export class IssuedPasswordResponseDto implements IssuedPassword {
  @IdProperty() userId!: string;
  @ApiProperty() username!: string;
  @ApiProperty() fullName!: string;
  @ApiProperty({ description: 'Shown once; only its hash is kept.' }) password!: string;
}

export class ImportResultResponseDto implements ImportResult {
  @ApiProperty({ type: [ParticipantResponseDto] }) added!: ParticipantResponseDto[];
  @ApiProperty({ type: 'integer' }) unchanged!: number;
  @ApiProperty({ type: [IssuedPasswordResponseDto] }) createdUsers!: IssuedPasswordResponseDto[];
}
