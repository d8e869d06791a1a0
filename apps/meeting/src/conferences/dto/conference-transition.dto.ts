import { CONFERENCE_STATUSES, type ConferenceStatus } from '@hoinghi/contracts';
import { REASON_MAX_LENGTH } from '@hoinghi/domain';
import { EnumField, TextField } from '../../common/dto-fields';

/**
 * A status change as the chair saw the conference, with its reason: a stale view (a double click of "end",
 * two chairs) gets 409 CONFERENCE_CHANGED instead of acting twice or a bare "already over".
 */
export class ConferenceTransitionRequestDto {
  @EnumField(CONFERENCE_STATUSES, { optional: true, description: 'The status when the chair pressed. Absent: no check.' })
  expectedStatus?: ConferenceStatus;

  @TextField(REASON_MAX_LENGTH, {
    optional: true,
    description: 'Required to cancel (400 REASON_REQUIRED without it); optional to adjourn (why, for how long); refused by the other actions. Kept in the audit line and as the conference\'s statusReason.',
    example: 'Hoãn theo chỉ đạo của Thường trực Tỉnh ủy',
  })
  reason?: string;
}
