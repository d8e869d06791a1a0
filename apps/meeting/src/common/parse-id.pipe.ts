import { ArgumentMetadata, Injectable, PipeTransform } from '@nestjs/common';
import { invalid } from '@hoinghi/domain';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Route ids are UUIDs; a malformed one is a 400 that names the parameter. */
@Injectable()
export class ParseIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!UUID.test(value)) throw invalid('VALIDATION_FAILED', 'must be a UUID', metadata.data ?? 'id');
    return value.toLowerCase();
  }
}
