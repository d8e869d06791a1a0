import { ClientEvent, ServerEvent } from '@hoinghi/contracts';
import { buildAsyncApi, renderAsyncApi } from './asyncapi-file';
import { buildOpenApiDocument } from './openapi-file';
import { ASYNCAPI_FILE, OPENAPI_FILE, readRepoFile, RULES_FILE } from './repo-files';
import { fillGeneratedSections } from './rules-tables';

// Generated documents are committed so readers (and third parties) need no build; these fail when the
// code has moved on without them. Fix: npm run docs:generate.
describe('generated documentation is up to date (else: npm run docs:generate)', () => {
  it(`${OPENAPI_FILE} is the document the meeting service serves at /api/docs-json`, async () => {
    const committed = JSON.parse(readRepoFile(OPENAPI_FILE)) as unknown;
    expect(committed).toEqual(JSON.parse(JSON.stringify(await buildOpenApiDocument())));
  });

  it(`${RULES_FILE} shows the domain's permission, state and error tables`, () => {
    const committed = readRepoFile(RULES_FILE);
    expect(committed).toBe(fillGeneratedSections(committed));
  });

  it(`${ASYNCAPI_FILE} is the socket protocol as the contracts declare it`, () => {
    expect(readRepoFile(ASYNCAPI_FILE)).toBe(renderAsyncApi());
  });
});

describe(`${ASYNCAPI_FILE}`, () => {
  it('names every socket event and describes every delta type', () => {
    const doc = buildAsyncApi() as { channels: { conference: { messages: Record<string, { name: string }> } }; components: { schemas: Record<string, unknown> } };
    const names = Object.values(doc.channels.conference.messages).map((m) => m.name);
    for (const event of [...Object.values(ClientEvent), ...Object.values(ServerEvent)]) expect(names).toContain(event);
    const text = JSON.stringify(doc.components.schemas);
    for (const type of ['conference.updated', 'site.added', 'agenda.changed', 'attendance.record', 'attendance.site', 'attendance.totals', 'floor.holder', 'floor.requests']) {
      expect(text).toContain(`"${type}"`);
    }
  });
});
