import fc from 'fast-check';

/** The parts of an OpenAPI 3 document the fuzzer reads. */
export interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema | { oneOf: Schema[] };
  oneOf?: Schema[];
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  format?: string;
  nullable?: boolean;
  additionalProperties?: boolean | Schema;
}

export interface Operation {
  method: string;
  path: string;
  parameters: { name: string; in: 'path' | 'query' | 'header'; schema?: Schema }[];
  body: Schema | null;
}

export interface Samples {
  /** Codes and ids that exist, so generated requests reach past "not found" into the handlers. */
  codes: string[];
  ids: string[];
  sites: string[];
}

export function operationsOf(document: {
  paths: Record<string, Record<string, { parameters?: Operation['parameters']; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
}): Operation[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => ({
      method,
      path,
      parameters: operation.parameters ?? [],
      body: operation.requestBody?.content['application/json']?.schema ?? null,
    })),
  );
}

const nasty = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  '\ud83d\udca9',
  'é'.repeat(3),
  'ß',
  '<script>alert(1)</script>',
  "'; DROP TABLE items; --",
  '../../etc/passwd',
  '%00',
  '{}',
  '[]',
  'null',
  'true',
  '-1',
  '1e309',
  'NaN',
  '0x10',
  'x'.repeat(5000),
  '\u202e',
  // text PostgreSQL cannot store: a NUL inside a value, halves of a UTF-16 pair
  'Exhibit\u0000one',
  '\u0000',
  '\ud83d',
  'seal \udc00 42',
  ' I000000022X ',
  'I000000022X\r\n',
);
const junk = fc.oneof(nasty, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 20 }), fc.integer().map(String));
const anyJson: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer(),
    fc.double(),
    junk,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('value'), { maxKeys: 4 }),
  ),
})).value;
const deep = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let value: unknown = 'bottom';
  for (let level = 0; level < depth; level += 1) value = level % 2 ? [value] : { nested: value };
  return value;
});

/** Printers are reached over the network: the fuzzer only ever names this machine, or a host that is not valid at all. */
const hosts = fc.constantFrom('127.0.0.1', 'localhost', '', 'http://printer/', '-bad-', 'a'.repeat(300), 'ex ample', '::1');

/** A value for a schema: mostly valid and at its bounds, sometimes broken in a typical way. */
export function valueOf(schema: Schema, components: Record<string, Schema>, samples: Samples, name = '', depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return valueOf(components[schema.$ref.split('/').pop()!], components, samples, name, depth);
  if (name === 'host') return hosts;
  if (depth > 4) return fc.constant(null);
  const broken = fc.oneof(junk, fc.integer(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }), fc.constant({}), deep);
  let valid: fc.Arbitrary<unknown>;
  if (schema.enum) valid = fc.constantFrom(...schema.enum);
  else if (schema.oneOf) valid = fc.oneof(...schema.oneOf.map((option) => valueOf(option, components, samples, name, depth + 1)));
  else if (schema.type === 'string') valid = stringFor(schema, samples, name);
  else if (schema.type === 'number' || schema.type === 'integer') {
    const min = schema.minimum ?? -1e9;
    const max = schema.maximum ?? 1e9;
    valid = fc.oneof(
      fc.constantFrom(min, max, min - 1, max + 1, 0, -0.5, 1.5, 1e308),
      schema.type === 'integer' ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true }),
    );
  } else if (schema.type === 'boolean') valid = fc.boolean();
  else if (schema.type === 'array') {
    const items =
      schema.items && 'oneOf' in schema.items && !('type' in schema.items) ? { oneOf: schema.items.oneOf } : ((schema.items as Schema | undefined) ?? {});
    valid = fc.array(valueOf(items, components, samples, name, depth + 1), { minLength: 0, maxLength: Math.min(schema.maxItems ?? 6, 6) });
  } else if (schema.type === 'object' || schema.properties) {
    valid = objectOf(schema, components, samples, depth);
  } else valid = anyJson;
  return fc.oneof({ weight: 4, arbitrary: valid }, { weight: 1, arbitrary: broken });
}

function objectOf(schema: Schema, components: Record<string, Schema>, samples: Samples, depth: number): fc.Arbitrary<unknown> {
  const properties = Object.entries(schema.properties ?? {});
  const entries = properties.map(([key, property]) =>
    fc.option(
      valueOf(property, components, samples, key, depth + 1).map((value) => [key, value] as const),
      {
        freq: (schema.required ?? []).includes(key) ? 12 : 3,
      },
    ),
  );
  const extra = fc.option(fc.tuple(fc.constantFrom('unknownField', '__proto__', 'constructor', 'id', 'status'), anyJson), { freq: 6 });
  return fc.tuple(fc.tuple(...entries), extra).map(([chosen, more]) => {
    const object: Record<string, unknown> = {};
    for (const entry of chosen) if (entry) object[entry[0]] = entry[1];
    if (more) Object.defineProperty(object, more[0], { value: more[1], enumerable: true, configurable: true, writable: true });
    return object;
  });
}

function stringFor(schema: Schema, samples: Samples, name: string): fc.Arbitrary<string> {
  const bounded = fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 60) });
  const atBounds = fc.constantFrom('x'.repeat(schema.minLength ?? 0), 'x'.repeat(schema.maxLength ?? 200), 'x'.repeat((schema.maxLength ?? 200) + 1));
  const known = /site/i.test(name) ? fc.constantFrom(...samples.sites) : fc.constantFrom(...samples.codes, ...samples.ids);
  if (schema.format === 'date-time')
    return fc.oneof(
      fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
      fc.constantFrom('2026-11-01T10:00:00+01:00', '2026-13-40T99:00:00Z', 'yesterday'),
    );
  if (schema.format === 'uuid') return fc.oneof(fc.constantFrom(...samples.ids), fc.uuid(), junk);
  const withNul = bounded.map((text) => `${text}\u0000${text}`);
  return fc.oneof(bounded, atBounds, known, junk, withNul);
}

export function pathOf(operation: Operation, components: Record<string, Schema>, samples: Samples): fc.Arbitrary<string> {
  const names = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]);
  const parameter = (name: string) =>
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc
          .constantFrom(...samples.codes, ...samples.ids, ...samples.sites)
          .map((value) => (name === 'file' ? `${value}.${['png', 'svg'][value.length % 2]}` : value)),
      },
      { weight: 2, arbitrary: junk.map((value) => value.slice(0, 200)) },
    );
  const query = fc.tuple(
    ...operation.parameters
      .filter((each) => each.in === 'query')
      .map((each) =>
        fc.option(
          valueOf(each.schema ?? {}, components, samples, each.name).map((value) => [each.name, value] as const),
          { freq: 3 },
        ),
      ),
    fc.option(fc.tuple(fc.constantFrom('unknown', 'page', 'sort', '__proto__'), junk), { freq: 5 }),
  );
  return fc.tuple(fc.tuple(...names.map(parameter)), query).map(([values, [...queryEntries]]) => {
    let path = operation.path;
    names.forEach((name, index) => (path = path.replace(`{${name}}`, encodePart(String(values[index])))));
    const search = new URLSearchParams();
    for (const entry of queryEntries) if (entry) search.append(String(entry[0]), typeof entry[1] === 'string' ? entry[1] : JSON.stringify(entry[1]));
    const text = search.toString();
    return text ? `${path}?${text}` : path;
  });
}

/** encodeURIComponent, which throws on a lone surrogate: those become U+FFFD, as a browser would send them. */
function encodePart(text: string): string {
  return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
}
