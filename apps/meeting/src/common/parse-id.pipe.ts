import { ArgumentMetadata, Injectable, Param, PipeTransform } from '@nestjs/common';
import { ApiParam } from '@nestjs/swagger';
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

/** A UUID route parameter: validated by ParseIdPipe and documented as such in OpenAPI. */
export const IdParam = (name: string): ParameterDecorator => (target, method, index) => {
  Param(name, ParseIdPipe)(target, method, index);
  ApiParam({ name, type: String, format: 'uuid' })(target, method!, Object.getOwnPropertyDescriptor(target, method!)!);
};
