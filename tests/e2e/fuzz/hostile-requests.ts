import fc from 'fast-check';

/**
 * Hostile HTTP requests generated from the gateway's OpenAPI document (issue 10): for every operation,
 * bodies that follow its schema only in shape, with the values an attacker or a broken client sends —
 * NUL, lone surrogates, huge strings and numbers, wrong types, extra and prototype-polluting keys, deep
 * nesting, malformed JSON, odd content types — and path and query values of the same kind.
 */

export interface Schema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  additionalProperties?: boolean | Schema;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export interface HostileRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  /** Who sends it: an index into the caller's list of identities (tokens), or none. */
  identity: number | null;
  /** In words, for the report of a failure. */
  description: string;
}

const LONG = 'a'.repeat(300_000);

/** Strings every text field must survive: refused with a 4xx, or stored and read back intact. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '   \t\n ',
    '\u0000',
    'texto\u0000con NUL',
    'mitad \ud83d de un emoji',
    '\udc00',
    '\ufeff\u202e invertido',
    LONG,
    'ñandú 💥 ﷽ 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    "' OR 1=1 --",
    '"; DROP TABLE tickets; --',
    '<script>alert(1)</script>',
    '{{#each this}}{{/each}}',
    '../../../../etc/passwd',
    '%00%ff%fe',
    '1e308',
    '-1',
    'NaN',
    '9'.repeat(400),
    '2026-02-30T25:61:00Z',
    'null',
    '__proto__',
    'a@b',
    '@',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ maxLength: 20 }),
);

const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -1, 1.5, -0.5, 1e308, -1e308, 2 ** 53 + 2, -(2 ** 63), 2 ** 31, 5e-324),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** A value of the wrong kind for whatever field it lands in. */
const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  hostileNumber,
  hostileString,
  fc.constant([]),
  fc.constant({}),
  fc.constant([null, 1, 'x', {}]),
  fc.constant({ $gt: '' }),
  fc.constant({ toString: 'x', valueOf: 1 }),
);

export class SchemaValues {
  constructor(private readonly doc: OpenApiDocument) {}

  private resolve(schema: Schema): Schema {
    let current = schema;
    for (let hops = 0; current.$ref && hops < 10; hops++) {
      current = this.doc.components.schemas[current.$ref.replace('#/components/schemas/', '')] ?? {};
    }
    return current;
  }

  /** Values shaped like the schema most of the time, with hostile leaves, and the wrong type sometimes. */
  value(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
    if (!schema || depth > 6) return wrongType;
    const resolved = this.resolve(schema);
    const shaped = this.shaped(resolved, depth);
    return fc.oneof({ weight: 4, arbitrary: shaped }, { weight: 1, arbitrary: wrongType });
  }

  private shaped(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((item) => this.value(item, depth + 1)));
    if (schema.allOf?.length) return this.value(schema.allOf[0], depth + 1);
    if (schema.enum?.length) {
      return fc.oneof(fc.constantFrom(...schema.enum), hostileString);
    }
    const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
    switch (type) {
      case 'object':
        return this.object(schema, depth);
      case 'array':
        return fc.oneof(
          fc.array(this.value(schema.items, depth + 1), { maxLength: 4 }),
          fc.constant(Array.from({ length: 20_000 }, () => 'x')),
        );
      case 'integer':
      case 'number':
        return fc.oneof(
          hostileNumber,
          fc.constantFrom(schema.minimum ?? 0, schema.maximum ?? 0).map((bound) => bound + 1),
          fc.constantFrom(schema.minimum ?? 0).map((bound) => bound - 1),
        );
      case 'boolean':
        return fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1, 'sí'));
      case 'string':
        return fc.oneof(
          hostileString,
          fc.constant('x'.repeat((schema.maxLength ?? 1_000) + 1)),
          fc.constantFrom('2026-12-05', '2026-12-05T10:00:00Z', '00000000-0000-0000-0000-000000000000', 'a@b.c'),
        );
      default:
        return this.object(schema, depth);
    }
  }

  private object(schema: Schema, depth: number): fc.Arbitrary<unknown> {
    const properties = Object.entries(schema.properties ?? {});
    const known = fc.record(
      Object.fromEntries(properties.map(([name, property]) => [name, this.value(property, depth + 1)])),
      { requiredKeys: [] },
    );
    const extra = fc.dictionary(
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'id', 'role', 'status', 'x'),
      wrongType,
      { maxKeys: 2 },
    );
    return fc.tuple(known, extra).map(([fields, more]) => {
      // JSON.parse gives "__proto__" an own property; so must the object we serialise.
      const merged: Record<string, unknown> = { ...fields };
      for (const [key, value] of Object.entries(more)) Object.defineProperty(merged, key, { value, enumerable: true });
      return merged;
    });
  }
}

/** Raw bodies no JSON parser should choke on with more than a 400. */
const rawBodies: fc.Arbitrary<{ body: string | Uint8Array; contentType: string | null; what: string }> = fc.oneof(
  fc.constantFrom(
    { body: '{', contentType: 'application/json', what: 'truncated JSON' },
    { body: '{"a":}', contentType: 'application/json', what: 'malformed JSON' },
    { body: '\u0000', contentType: 'application/json', what: 'a NUL as the body' },
    { body: '"texto suelto"', contentType: 'application/json', what: 'a JSON string as the body' },
    { body: '[]', contentType: 'application/json', what: 'an array as the body' },
    { body: 'null', contentType: 'application/json', what: 'null as the body' },
    { body: '1e999999', contentType: 'application/json', what: 'an infinite number' },
    { body: '{"a":"\\ud800"}', contentType: 'application/json', what: 'an escaped lone surrogate' },
    { body: '{"title":"\\u0000"}', contentType: 'application/json', what: 'an escaped NUL' },
    { body: `${'['.repeat(6_000)}${']'.repeat(6_000)}`, contentType: 'application/json', what: 'arrays 6,000 deep' },
    {
      body: `${'{"a":'.repeat(6_000)}1${'}'.repeat(6_000)}`,
      contentType: 'application/json',
      what: 'objects 6,000 deep',
    },
    { body: '<a>xml</a>', contentType: 'application/xml', what: 'XML' },
    { body: 'a=1&b=2', contentType: 'application/x-www-form-urlencoded', what: 'a form' },
    { body: 'texto', contentType: 'text/plain', what: 'plain text' },
    { body: '{"a":1}', contentType: null, what: 'JSON without a content type' },
    { body: '{"a":1}', contentType: 'application/json; charset=latin-7', what: 'an unknown charset' },
    {
      body: '--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nsin fin',
      contentType: 'multipart/form-data; boundary=x',
      what: 'an unterminated multipart body',
    },
    { body: 'algo', contentType: 'multipart/form-data', what: 'multipart without a boundary' },
  ),
  fc.uint8Array({ maxLength: 64 }).map((bytes) => ({
    body: bytes,
    contentType: 'application/json',
    what: 'random bytes as JSON',
  })),
);

/** Path segment values, already percent-encoded (a lone surrogate cannot be; its UTF-8 bytes are invalid). */
const hostileSegment: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '0',
    '-1',
    '1.5',
    '99999999999999999999999',
    '1e308',
    'abc',
    '%00',
    '%ED%A0%80',
    '%FF%FE',
    '..%2F..%2Fetc',
    '%20',
    '00000000-0000-0000-0000-000000000000',
    'not-a-uuid',
    'a'.repeat(5_000),
    '%E2%80%AE',
  ),
  fc.string({ maxLength: 12 }).map((text) => encodeURIComponent(text) || 'x'),
);

const hostileQueryValue: fc.Arbitrary<string> = fc.oneof(
  hostileSegment,
  fc.constantFrom('', 'true', '2026-13-45', '2026-12-05T10:00:00Z', '%2C%2C%2C', 'a,b,,c'),
);

export function hostileRequests(
  doc: OpenApiDocument,
  method: string,
  path: string,
  operation: Operation,
  identities: number,
): fc.Arbitrary<HostileRequest> {
  const values = new SchemaValues(doc);
  const pathParameters = (operation.parameters ?? []).filter((p) => p.in === 'path');
  const queryParameters = (operation.parameters ?? []).filter((p) => p.in === 'query');
  const pathArb = fc
    .tuple(...pathParameters.map(() => hostileSegment))
    .map((segments) =>
      pathParameters.reduce((built, parameter, i) => built.replace(`{${parameter.name}}`, segments[i]!), path),
    );
  const queryArb = fc
    .tuple(
      fc.subarray(queryParameters),
      fc.array(hostileQueryValue, { minLength: queryParameters.length, maxLength: queryParameters.length }),
      fc.boolean(),
    )
    .map(([chosen, picked, repeat]) => {
      const pairs = chosen.flatMap((parameter) => {
        const value = picked[queryParameters.indexOf(parameter)] ?? '';
        const pair = `${encodeURIComponent(parameter.name)}=${value}`;
        return repeat ? [pair, pair] : [pair];
      });
      return pairs.length ? `?${pairs.join('&')}` : '';
    });
  const jsonSchema = operation.requestBody?.content['application/json']?.schema;
  const takesBody = !['get', 'head', 'delete'].includes(method) || !!operation.requestBody;
  const bodyArb: fc.Arbitrary<{ body?: string | Uint8Array; contentType: string | null; what: string }> = takesBody
    ? fc.oneof(
        {
          weight: 3,
          arbitrary: values
            .value(jsonSchema ?? { type: 'object' })
            .map((value) => ({ body: JSON.stringify(value) ?? 'null', contentType: 'application/json', what: 'JSON' })),
        },
        { weight: 1, arbitrary: rawBodies },
      )
    : fc.constant({ contentType: null, what: 'no body' });
  const identityArb = fc.oneof(
    { weight: 4, arbitrary: fc.nat({ max: Math.max(0, identities - 1) }) },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc
    .record({ path: pathArb, query: queryArb, body: bodyArb, identity: identityArb })
    .map(({ path: concretePath, query, body, identity }): HostileRequest => ({
      method: method.toUpperCase(),
      path: `${concretePath}${query}`,
      headers: body.contentType ? { 'content-type': body.contentType } : {},
      ...(body.body !== undefined ? { body: body.body } : {}),
      identity,
      description: `${method.toUpperCase()} ${concretePath}${query.slice(0, 200)} with ${body.what}${
        typeof body.body === 'string' ? `: ${body.body.slice(0, 300)}` : ''
      }`,
    }));
}
