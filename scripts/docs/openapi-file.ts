import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { OpenAPIObject } from '@nestjs/swagger';
import { AppModule } from '../../apps/meeting/src/app.module';
import { loadConfig } from '../../apps/meeting/src/config/app-config';
import { API_PREFIX, createOpenApiDocument } from '../../apps/meeting/src/openapi';

/**
 * The meeting service's OpenAPI document without a database or Redis: Nest's preview mode builds the module
 * graph (controllers, routes, DTO metadata) without instantiating providers, which is all swagger reads.
 */
export async function buildOpenApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'development' }); // defaults only: the document must not depend on the machine
  const app = await NestFactory.create(AppModule.forRoot(config), { preview: true, logger: false });
  app.setGlobalPrefix(API_PREFIX);
  try {
    return createOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

export const renderOpenApi = (document: OpenAPIObject): string => `${JSON.stringify(document, null, 2)}\n`;
