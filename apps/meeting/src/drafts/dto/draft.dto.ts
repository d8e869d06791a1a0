import { CONSOLIDATION_LIMITS, DRAFT_LIMITS, type CreateDraftRequest, type NewDraftVersionRequest } from '@hoinghi/contracts';
import { IdField, IdListField, IntField, TextField } from '../../common/dto-fields';

export class CreateDraftRequestDto implements CreateDraftRequest {
  @TextField(DRAFT_LIMITS.titleChars, { example: 'Dự thảo Kết luận về tiếp tục thực hiện Nghị quyết số 03-NQ/TU' })
  title!: string;

  @IdField({ optional: true, description: 'The agenda item the draft is put under.' })
  agendaItemId?: string;

  @TextField(DRAFT_LIMITS.textChars, { description: 'The draft pasted as text, one paragraph per line.' })
  text!: string;
}

/** The text fields of a .docx upload (multipart/form-data, the file in `file`). */
export class ImportDraftRequestDto {
  @TextField(DRAFT_LIMITS.titleChars)
  title!: string;

  @IdField({ optional: true })
  agendaItemId?: string;
}

export class NewDraftVersionRequestDto implements NewDraftVersionRequest {
  @TextField(DRAFT_LIMITS.textChars)
  text!: string;

  @TextField(DRAFT_LIMITS.noteChars, { optional: true, description: 'What changed, e.g. which comments were absorbed.' })
  note?: string;

  @IdListField(CONSOLIDATION_LIMITS.absorbedPerVersion, { optional: true, description: 'The consolidation points of this draft the version absorbs (accepted or partly accepted, not absorbed before).' })
  absorbedPointIds?: string[];
}

export class ImportDraftVersionRequestDto {
  @TextField(DRAFT_LIMITS.noteChars, { optional: true })
  note?: string;
}

export class DraftDiffQueryDto {
  @IntField(1, 10000, { fromQuery: true })
  from!: number;

  @IntField(1, 10000, { fromQuery: true })
  to!: number;
}
