import { Injectable, PipeTransform } from '@nestjs/common';
import { invalid } from '@hoinghi/domain';

/** Ids become socket.io room names and directory names (a conference's recordings): letters, digits, dashes only. */
export const SAFE_ID = /^[A-Za-z0-9-]{1,64}$/;

@Injectable()
export class SafeIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!SAFE_ID.test(value)) throw invalid('VALIDATION_FAILED', 'must be 1–64 letters, digits or dashes', 'id');
    return value;
  }
}
