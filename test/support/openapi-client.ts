// A client built at run time from an OpenAPI document, one function per operationId, the way a third
// party's generator would build one; no knowledge of this code base beyond the document. Every answer is
// checked against the status codes and schemas the operation declares.
import { type Schema, schemaErrors } from './json-schema';

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

interface Operation {
  operationId: string;
  parameters?: Array<{ name: string; in: 'path' | 'query'; required?: boolean }>;
  requestBody?: unknown;
  responses: Record<string, { content?: { 'application/json'?: { schema: Schema } } }>;
}

/** Path and query parameters by name (strings or numbers), and the JSON body. */
export type CallArgs = Record<string, unknown> & { body?: unknown };
export type Answer = { status: number; body: any };
export type GeneratedClient = Record<string, (args?: CallArgs) => Promise<Answer>> & { withToken(token: string): GeneratedClient };

export function generateClient(document: OpenApiDocument, baseUrl: string, token?: string): GeneratedClient {
  const client: Record<string, unknown> = { withToken: (next: string) => generateClient(document, baseUrl, next) };
  for (const [template, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      client[operation.operationId] = async ({ body, ...params }: CallArgs = {}) => {
        let path = template;
        const query = new URLSearchParams();
        for (const parameter of operation.parameters ?? []) {
          const value = params[parameter.name];
          if (value === undefined) {
            if (parameter.required) throw new Error(`${operation.operationId}: ${parameter.name} is required`);
          } else if (parameter.in === 'path') path = path.replace(`{${parameter.name}}`, encodeURIComponent(String(value)));
          else query.set(parameter.name, String(value));
        }
        const headers: Record<string, string> = { accept: 'application/json' };
        if (token) headers.authorization = `Bearer ${token}`;
        if (operation.requestBody) headers['content-type'] = 'application/json';
        const url = `${baseUrl}${path}${query.size ? `?${query}` : ''}`;
        const response = await fetch(url, { method: method.toUpperCase(), headers, body: operation.requestBody ? JSON.stringify(body ?? {}) : undefined });
        const text = await response.text();
        const answer: Answer = { status: response.status, body: text ? JSON.parse(text) : undefined };
        checkAnswer(document, operation, answer);
        return answer;
      };
    }
  }
  return client as GeneratedClient;
}

function checkAnswer(document: OpenApiDocument, operation: Operation, answer: Answer): void {
  // `default` covers the failures every operation may have (413, 500), never a success.
  const declared = operation.responses[String(answer.status)] ?? (answer.status >= 400 ? operation.responses.default : undefined);
  if (!declared) throw new Error(`${operation.operationId} answered ${answer.status}, which it does not declare: ${JSON.stringify(answer.body)}`);
  const schema = declared.content?.['application/json']?.schema;
  if (!schema) return;
  const errors = schemaErrors(answer.body, schema, document.components.schemas);
  if (errors.length) throw new Error(`${operation.operationId} ${answer.status} does not match its schema:\n${errors.join('\n')}`);
}
