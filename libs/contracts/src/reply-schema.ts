import { JSONSchema } from 'class-validator-jsonschema';

/**
 * What a reply field's schema says beyond its class-validator rules. Replies are classes so that the
 * gateway documents each HTTP answer with the schema derived from the very class the service answers
 * with (class-validator-jsonschema reads the rules); nothing validates a reply, the rules describe it.
 */
export interface FieldDoc {
  /** In Spanish, as the API's documentation is. */
  description?: string;
  /** Always there, and may hold null (a rule such as `@IsOptional()` would make the field optional instead). */
  nullable?: true;
  /** `date-time` for an instant: `@IsString()` alone says only "text". */
  format?: 'date-time' | 'date' | 'uri';
  example?: string | number;
  /** An object whose keys vary (`@IsObject()` alone reads as an object with no properties at all). */
  additionalProperties?: true;
}

/**
 * Adds to a reply field's derived schema what its rules cannot say (the field keeps at least one rule).
 * Null is written the OpenAPI 3.1 way, as the rest of the document is: `type: [T, 'null']` (and null among
 * an enum's values), or a reference `anyOf` null.
 */
export function Documented({
  description,
  nullable,
  format,
  example,
  additionalProperties,
}: FieldDoc): PropertyDecorator {
  return JSONSchema((derived) => {
    const reference = (derived as { $ref?: string }).$ref;
    const { type } = derived;
    const values: unknown[] | undefined = derived.enum;
    const additions = {
      ...(format !== undefined && { format }),
      ...(example !== undefined && { example }),
      ...(additionalProperties && { additionalProperties }),
      ...(description !== undefined && { description }),
    };
    if (reference !== undefined) {
      // A reference's siblings are ignored by most tools: the reference goes inside a combinator.
      if (nullable) return { anyOf: [{ $ref: reference }, { type: 'null' }], ...additions };
      return description === undefined ? derived : { allOf: [{ $ref: reference }], ...additions };
    }
    if (!nullable || typeof type !== 'string') return { ...derived, ...additions };
    return { ...derived, type: [type, 'null' as const], ...(values && { enum: [...values, null] }), ...additions };
  }) as PropertyDecorator;
}
