import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

/** Every REST route is under /api. */
export const API_PREFIX = 'api';

/** Where the meeting service serves its API docs (UI) and the OpenAPI document (JSON). */
export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/** The OpenAPI document of the meeting service's REST API, as served and as written to docs/openapi.json. */
export function createOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('hoinghi meeting service')
    .setDescription(
      'REST API of the online conference platform. Every call but login takes `Authorization: Bearer <accessToken>`. '
      + 'Every error answers an ErrorResponse whose `error` is one of the codes listed (their categories and statuses: docs/rules.md). '
      + 'Live changes reach clients over socket.io (libs/contracts/src/realtime.ts), not through this API.',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
  return SwaggerModule.createDocument(app, config);
}

export function serveOpenApi(app: INestApplication): void {
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => createOpenApiDocument(app), { jsonDocumentUrl: OPENAPI_JSON_PATH });
}
