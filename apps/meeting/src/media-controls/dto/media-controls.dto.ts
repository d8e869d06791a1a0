import { ApiProperty } from '@nestjs/swagger';
import { AUDIO_COMMANDS, type AudioCommandName, type AudioCommandRequest, type MediaControlsView, type SetSharingRequest } from '@hoinghi/contracts';
import { BooleanField, EnumField, IdField } from '../../common/dto-fields';

export class SetSharingRequestDto implements SetSharingRequest {
  @BooleanField({ description: 'Whether the site that has the floor may share a screen (the main hall always may).', example: true })
  floorShareAllowed!: boolean;
}

export class AudioCommandRequestDto implements AudioCommandRequest {
  @EnumField(AUDIO_COMMANDS, {
    description: "'mute' / 'unmute' one site (`siteId`); 'mute-all-but-floor' mutes every site but the floor holder and the main hall, replacing the list; 'unmute-all'.",
    example: 'mute',
  })
  command!: AudioCommandName;

  @IdField({ optional: true, description: "The site, for 'mute' and 'unmute'." })
  siteId?: string;
}

export class MediaControlsResponseDto implements MediaControlsView {
  @ApiProperty({ description: 'Whether the floor holder may share a screen (the main hall always may).' }) floorShareAllowed!: boolean;
  @ApiProperty({ type: [String], format: 'uuid', description: 'The sites the chair has muted, in the conference\'s site order: the media gateway keeps their microphones paused.' })
  mutedSiteIds!: string[];
}
