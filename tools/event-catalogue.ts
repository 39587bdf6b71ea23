// Writes the event catalogue from libs/contracts, so the documents cannot drift from the code:
// docs/asyncapi.yaml (AsyncAPI 3.0: channels, messages, payload schemas) and docs/events.md
// (the same for people). The payload schemas come from the contract classes' class-validator
// and class-transformer metadata, i.e. from the very rules producers and consumers check.
//   npm run docs:events            rewrite both files
//   npm run docs:events -- --check exit 1 if a committed file is out of date
import { writeFileSync, readFileSync } from 'fs';
import { join } from 'path';
import { parseArgs } from 'util';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import { getMetadataStorage } from 'class-validator';
import type { ValidationMetadata } from 'class-validator/types/metadata/ValidationMetadata';
import { ALL_TOPICS, EventEnvelope, contractsOn, deadLetterTopic } from '@jobfair/contracts';
import type { ServiceSpec } from '@jobfair/platform';
import { EMPLOYERS_SERVICE } from '../apps/employers/src/service-spec';
import { FAIRS_SERVICE } from '../apps/fairs/src/service-spec';
import { MATCHER_SERVICE } from '../apps/matcher/src/service-spec';
import { SEEKERS_SERVICE } from '../apps/seekers/src/service-spec';

type Schema = Record<string, unknown>;
type Class = new () => object;

const SERVICES: readonly ServiceSpec<never>[] = [EMPLOYERS_SERVICE, SEEKERS_SERVICE, FAIRS_SERVICE, MATCHER_SERVICE] as never;
const ROOT = join(__dirname, '..');
export const CATALOGUE_FILES = { asyncapi: 'docs/asyncapi.yaml', markdown: 'docs/events.md' } as const;

/** JSON Schema of one validation rule (undefined: the rule adds nothing a schema can say). */
function ruleSchema(rule: ValidationMetadata): Schema | undefined {
  const [first] = rule.constraints ?? [];
  switch (rule.name) {
    case 'isString':
      return { type: 'string' };
    case 'isNotEmpty':
      return { minLength: 1 };
    case 'maxLength':
      return { maxLength: first };
    case 'isIn':
      return { type: typeof (first as unknown[])[0] === 'number' ? 'number' : 'string', enum: first };
    case 'isInt':
      return { type: 'integer' };
    case 'isNumber':
      return { type: 'number' };
    case 'isBoolean':
      return { type: 'boolean' };
    case 'isObject':
      return { type: 'object' };
    case 'min':
      return { minimum: first };
    case 'max':
      return { maximum: first };
    case 'matches':
      return { type: 'string', pattern: (first as RegExp).source };
    case 'isUuid':
      return { type: 'string', format: 'uuid' };
    case 'isIso8601':
      return { type: 'string', description: 'ISO 8601 date or date and time' };
    case 'isISO31661Alpha2':
      return { type: 'string', pattern: '^[A-Z]{2}$', description: 'ISO 3166-1 alpha-2 country code' };
    case 'isArray':
      return { type: 'array' };
    case 'arrayMaxSize':
      return { maxItems: first };
    default:
      throw new Error(
        `event-catalogue: no schema for the rule ${rule.name} (${(rule.target as Class).name}.${rule.propertyName}); add it here`,
      );
  }
}

/** Schemas of a class and of every class nested in it, by class name. */
function collectSchemas(type: Class, into: Map<string, Schema>): string {
  if (into.has(type.name)) return type.name;
  const schema: Schema = { type: 'object', additionalProperties: false, properties: {} };
  into.set(type.name, schema);
  const properties = schema.properties as Record<string, Schema>;
  const required: string[] = [];
  const rules = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false);
  for (const property of [...new Set(rules.map((rule) => rule.propertyName))]) {
    const own = rules.filter((rule) => rule.propertyName === property);
    const value: Schema = {};
    const item: Schema = {};
    for (const rule of own) {
      if (rule.type === 'conditionalValidation') continue;
      if (rule.type === 'nestedValidation') {
        const nested = defaultMetadataStorage.findTypeMetadata(type, property)?.typeFunction() as Class | undefined;
        if (!nested) throw new Error(`event-catalogue: ${type.name}.${property} is nested without @Type`);
        Object.assign(rule.each ? item : value, { $ref: `#/components/schemas/${collectSchemas(nested, into)}` });
        continue;
      }
      Object.assign(rule.each ? item : value, ruleSchema(rule));
    }
    if (Object.keys(item).length) {
      value.type = 'array';
      value.items = item;
    }
    properties[property] = value.$ref && Object.keys(value).length > 1 ? { allOf: [{ $ref: value.$ref }] } : value;
    if (!own.some((rule) => rule.type === 'conditionalValidation')) required.push(property);
  }
  if (required.length) schema.required = required;
  return type.name;
}

interface Catalogue {
  asyncapi: Schema;
  markdown: string;
}

export function buildCatalogue(): Catalogue {
  const schemas = new Map<string, Schema>();
  collectSchemas(EventEnvelope as Class, schemas);
  const channels: Schema = {};
  const operations: Schema = {};
  const messages: Schema = {};
  const md: string[] = [
    '# Event catalogue',
    '',
    '<!-- Generated by `npm run docs:events` from libs/contracts; do not edit by hand. -->',
    '',
    'Every event travels in the same envelope (`EventEnvelope`: `id`, `type`, `source`, `aggregateId`,',
    "`aggregateVersion`, `occurredAt`, `correlationId`, `data`); `data` has the event type's payload and",
    'is validated by the producer before it is written and by every consumer before it acts. Each topic',
    'carries one aggregate type, keyed by `aggregateId`, with full snapshots; a message no consumer could',
    'apply goes to `<topic>.dlt` with its reason in the `dlt-reason` header. The machine-readable form',
    'is [asyncapi.yaml](asyncapi.yaml).',
    '',
  ];
  for (const topic of ALL_TOPICS) {
    const producers = SERVICES.filter((s) => s.produces.includes(topic)).map((s) => s.name);
    const consumers = SERVICES.filter((s) => s.consumes.includes(topic)).map((s) => s.name);
    const contracts = contractsOn(topic);
    const channelId = topic;
    channels[channelId] = {
      address: topic,
      description: `Dead letters: ${deadLetterTopic(topic)}.`,
      messages: Object.fromEntries(contracts.map((c) => [c.type, { $ref: `#/components/messages/${c.type}` }])),
    };
    const messageRefs = contracts.map((c) => ({ $ref: `#/channels/${channelId}/messages/${c.type}` }));
    for (const service of producers) {
      operations[`${service}.sends.${topic}`] = { action: 'send', channel: { $ref: `#/channels/${channelId}` }, messages: messageRefs };
    }
    for (const service of consumers) {
      operations[`${service}.receives.${topic}`] = {
        action: 'receive',
        channel: { $ref: `#/channels/${channelId}` },
        messages: messageRefs,
      };
    }
    md.push(`## \`${topic}\``, '', `Published by ${list(producers)}; consumed by ${list(consumers)}.`, '');
    md.push('| event type | payload (`data`) |', '| --- | --- |');
    for (const contract of contracts) {
      const payload = collectSchemas(contract.data as Class, schemas);
      messages[contract.type] = {
        name: contract.type,
        payload: {
          allOf: [
            { $ref: '#/components/schemas/EventEnvelope' },
            { properties: { type: { const: contract.type }, data: { $ref: `#/components/schemas/${payload}` } } },
          ],
        },
      };
      md.push(`| \`${contract.type}\` | [${payload}](#${payload.toLowerCase()}) |`);
    }
    md.push('');
  }
  md.push('## Payloads', '', 'Required fields are marked *; the rules are those class-validator checks.', '');
  const sorted = [...schemas.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [name, schema] of sorted) {
    md.push(`### ${name}`, '', '| field | type | rules |', '| --- | --- | --- |');
    const required = new Set((schema.required as string[] | undefined) ?? []);
    for (const [field, value] of Object.entries(schema.properties as Record<string, Schema>)) {
      md.push(`| \`${field}\`${required.has(field) ? ' *' : ''} | ${typeText(value)} | ${rulesText(value)} |`);
    }
    md.push('');
  }
  const asyncapi: Schema = {
    asyncapi: '3.0.0',
    info: {
      title: 'Job-fair platform integration events',
      version: '1.0.0',
      description: 'Generated by `npm run docs:events` from libs/contracts; do not edit by hand.',
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas: Object.fromEntries(sorted) },
  };
  return { asyncapi, markdown: md.join('\n') };
}

const list = (names: string[]) => (names.length ? names.join(', ') : '(none yet)');

function typeText(schema: Schema): string {
  const ref = (schema.$ref ?? (schema.allOf as Schema[] | undefined)?.[0]?.$ref) as string | undefined;
  if (ref) return `[${ref.split('/').pop()}](#${ref.split('/').pop()!.toLowerCase()})`;
  if (schema.type === 'array') return `${typeText(schema.items as Schema)}[]`;
  return (schema.format as string) ?? (schema.type as string) ?? 'any';
}

function rulesText(schema: Schema): string {
  const own = schema.type === 'array' ? { ...(schema.items as Schema), maxItems: schema.maxItems } : schema;
  const parts: string[] = own.description ? [own.description as string] : [];
  if (own.enum) parts.push(`one of ${(own.enum as string[]).map((v) => `\`${v}\``).join(', ')}`);
  if (own.pattern) parts.push(`matches \`${own.pattern}\``);
  if (own.minLength) parts.push('not empty');
  if (own.maxLength !== undefined) parts.push(`at most ${own.maxLength} characters`);
  if (own.minimum !== undefined) parts.push(`>= ${own.minimum}`);
  if (own.maximum !== undefined) parts.push(`<= ${own.maximum}`);
  if (own.maxItems !== undefined) parts.push(`at most ${own.maxItems} items`);
  return parts.join('; ').replace(/\|/g, '\\|');
}

/** A small YAML writer: JSON's strings are valid YAML scalars, so only the layout is YAML's own. */
export function toYaml(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (!value.length) return ' []';
    return value.map((item) => `\n${indent}-${toYaml(item, `${indent}  `).replace(/^\n\s*/, ' ')}`).join('');
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (!entries.length) return ' {}';
    return entries
      .map(([key, item]) => `\n${indent}${/^[\w.-]+$/.test(key) ? key : JSON.stringify(key)}:${toYaml(item, `${indent}  `)}`)
      .join('');
  }
  return ` ${JSON.stringify(value)}`;
}

export function renderCatalogue(): Record<keyof typeof CATALOGUE_FILES, string> {
  const { asyncapi, markdown } = buildCatalogue();
  return {
    asyncapi: `# Generated by \`npm run docs:events\` from libs/contracts; do not edit by hand.${toYaml(asyncapi)}\n`,
    markdown: `${markdown.trimEnd()}\n`,
  };
}

/** Files whose committed text differs from what the contracts say now. */
export function staleFiles(root = ROOT): string[] {
  const rendered = renderCatalogue();
  return (Object.keys(CATALOGUE_FILES) as (keyof typeof CATALOGUE_FILES)[])
    .filter((key) => {
      try {
        return readFileSync(join(root, CATALOGUE_FILES[key]), 'utf8') !== rendered[key];
      } catch {
        return true;
      }
    })
    .map((key) => CATALOGUE_FILES[key]);
}

function main(): void {
  const { values } = parseArgs({ options: { check: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    process.stdout.write(
      'usage: npm run docs:events [-- --check]\n  writes docs/asyncapi.yaml and docs/events.md from libs/contracts;\n  --check only reports files that are out of date (exit 1)\n',
    );
    return;
  }
  if (values.check) {
    const stale = staleFiles();
    if (stale.length) {
      process.stderr.write(`out of date: ${stale.join(', ')} (run npm run docs:events)\n`);
      process.exitCode = 1;
    }
    return;
  }
  const rendered = renderCatalogue();
  for (const key of Object.keys(CATALOGUE_FILES) as (keyof typeof CATALOGUE_FILES)[]) {
    writeFileSync(join(ROOT, CATALOGUE_FILES[key]), rendered[key]);
  }
  process.stdout.write(`wrote ${Object.values(CATALOGUE_FILES).join(', ')}\n`);
}

if (require.main === module) main();
