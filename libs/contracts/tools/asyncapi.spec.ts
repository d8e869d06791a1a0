import { readFileSync } from 'node:fs';
import { ClientEvent, ServerEvent } from '../src/realtime';
import { ASYNCAPI_PATH, buildAsyncApi, renderAsyncApi } from './asyncapi';

describe('docs/asyncapi.json', () => {
  it('is generated from the current contracts (npm run docs:asyncapi)', () => {
    expect(readFileSync(ASYNCAPI_PATH, 'utf8')).toBe(renderAsyncApi());
  });

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
