import { ALL_TOPICS, contractsOn } from '@jobfair/contracts';
import { buildCatalogue, staleFiles, toYaml } from './event-catalogue';

describe('event catalogue (docs/asyncapi.yaml, docs/events.md)', () => {
  it('is committed as the contracts say it now (npm run docs:events rewrites it)', () => {
    expect(staleFiles()).toEqual([]);
  });

  it('has a channel for every topic and a message for every event type', () => {
    const { asyncapi } = buildCatalogue();
    const channels = asyncapi.channels as Record<string, { messages: Record<string, unknown> }>;
    expect(Object.keys(channels)).toEqual([...ALL_TOPICS]);
    for (const topic of ALL_TOPICS) {
      expect(Object.keys(channels[topic].messages)).toEqual(contractsOn(topic).map((c) => c.type));
    }
  });

  it("takes the payload's rules from the contract classes: required fields, enums, nested types", () => {
    type ObjectSchema = { required?: string[]; properties: Record<string, Record<string, unknown>> };
    const schemas = (buildCatalogue().asyncapi.components as { schemas: Record<string, ObjectSchema> }).schemas;
    const opening = schemas.OpeningSnapshot;
    expect(opening.required).toEqual(expect.arrayContaining(['id', 'positions', 'requirements']));
    expect(opening.required).not.toContain('quotas');
    expect(opening.properties.positions).toEqual({ type: 'integer', minimum: 1 });
    expect(opening.properties.status.enum).toEqual(['open', 'filled', 'closed']);
    expect(opening.properties.requirements).toEqual({ $ref: '#/components/schemas/Requirements' });
    expect(opening.properties.costs).toEqual({ type: 'array', items: { $ref: '#/components/schemas/WorkerCost' } });
    expect(schemas.Requirements.properties.languageTests.items).toEqual({ $ref: '#/components/schemas/LanguageRequirement' });
  });

  it('writes YAML whose scalars keep their JSON meaning', () => {
    expect(toYaml({ a: [1, { b: 'x: y' }], 'c d': {}, e: [] })).toBe('\na:\n  - 1\n  - b: "x: y"\n"c d": {}\ne: []');
  });
});
