import { ApiProperty } from '@nestjs/swagger';
import type { RecordingFile, RecordingLink, RecordingsResponse, RecordingState } from '@hoinghi/contracts';
import { TimeProperty } from '../../common/api-docs';

export class RecordingStateResponseDto implements RecordingState {
  @ApiProperty() conferenceId!: string;
  @ApiProperty({ description: 'Recording now.' }) active!: boolean;
  @ApiProperty({ type: String, nullable: true, description: 'The file being written now.' }) file!: string | null;
  @TimeProperty({ nullable: true }) startedAt!: string | null;
}

export class RecordingFileResponseDto implements RecordingFile {
  @ApiProperty({ example: '2026-12-01T00-30-00-000Z.webm' }) file!: string;
  @ApiProperty({ type: 'integer' }) bytes!: number;
  @TimeProperty() modifiedAt!: string;
  @ApiProperty({ description: 'Still being written (it plays once the recorder moves to the next file or stops).' }) active!: boolean;
}

export class RecordingsResponseDto implements RecordingsResponse {
  @ApiProperty({ type: RecordingStateResponseDto }) recording!: RecordingStateResponseDto;
  @ApiProperty({ type: [RecordingFileResponseDto], description: 'Oldest first: a new file starts with each change of the programme.' }) files!: RecordingFileResponseDto[];
}

export class RecordingLinkResponseDto implements RecordingLink {
  @ApiProperty() file!: string;
  @ApiProperty({ description: 'Relative to the meeting service; answers range requests (a <video> element\'s src).' }) url!: string;
  @ApiProperty({ description: 'The same, answered as an attachment.' }) downloadUrl!: string;
  @TimeProperty({ description: 'The link works until then (RECORDING_LINK_EXPIRES_IN).' }) expiresAt!: string;
}
