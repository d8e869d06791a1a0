// A JSON-schema check for the subset @nestjs/swagger emits (OpenAPI 3.0): $ref, allOf, type, nullable, enum,
// format (uuid, date-time), properties/required/additionalProperties, items, and the length, size and
// range limits. An object schema that lists properties is closed here: a response field the DTOs forgot
// to document is reported, so docs and answers cannot drift apart unnoticed.

export type Schema = Record<string, any>;

const FORMATS: Record<string, RegExp> = {
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i,
  'date-time': /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/,
};

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The problems of `value` against `schema`, each with its JSON path; empty when it conforms. */
export function schemaErrors(value: unknown, schema: Schema, components: Record<string, Schema>, path = '$'): string[] {
  if (schema.$ref) return schemaErrors(value, components[String(schema.$ref).replace('#/components/schemas/', '')], components, path);
  if (value === null) return schema.nullable ? [] : [`${path}: null is not allowed`];
  const errors = (schema.allOf ?? []).flatMap((part: Schema) => schemaErrors(value, part, components, path));
  const actual = typeOf(value);
  if (schema.type && schema.type !== actual && !(schema.type === 'number' && actual === 'integer')) {
    return [...errors, `${path}: ${actual} where ${schema.type} is declared`];
  }
  if (schema.enum && !schema.enum.includes(value)) errors.push(`${path}: ${JSON.stringify(value)} is not one of ${schema.enum.join(', ')}`);
  if (typeof value === 'string') {
    if (schema.format && FORMATS[schema.format] && !FORMATS[schema.format].test(value)) errors.push(`${path}: not a ${schema.format}`);
    if (schema.minLength !== undefined && value.length < schema.minLength) errors.push(`${path}: shorter than ${schema.minLength}`);
    if (schema.maxLength !== undefined && value.length > schema.maxLength) errors.push(`${path}: longer than ${schema.maxLength}`);
  }
  if (typeof value === 'number') {
    if (schema.minimum !== undefined && value < schema.minimum) errors.push(`${path}: below ${schema.minimum}`);
    if (schema.maximum !== undefined && value > schema.maximum) errors.push(`${path}: above ${schema.maximum}`);
  }
  if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) errors.push(`${path}: fewer than ${schema.minItems} items`);
    if (schema.maxItems !== undefined && value.length > schema.maxItems) errors.push(`${path}: more than ${schema.maxItems} items`);
    if (schema.items) value.forEach((item, i) => errors.push(...schemaErrors(item, schema.items, components, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const object = value as Record<string, unknown>;
    const properties: Record<string, Schema> = schema.properties ?? {};
    for (const name of schema.required ?? []) if (!(name in object)) errors.push(`${path}.${name}: required but missing`);
    for (const [name, item] of Object.entries(object)) {
      if (properties[name]) errors.push(...schemaErrors(item, properties[name], components, `${path}.${name}`));
      else if (typeof schema.additionalProperties === 'object') errors.push(...schemaErrors(item, schema.additionalProperties, components, `${path}.${name}`));
      else if (schema.additionalProperties === undefined && Object.keys(properties).length > 0) errors.push(`${path}.${name}: not documented`);
    }
  }
  return errors;
}
