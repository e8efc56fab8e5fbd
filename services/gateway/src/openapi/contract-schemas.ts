import { applyDecorators } from '@nestjs/common';
import { ApiQuery, type ReferenceObject, type SchemaObject } from '@nestjs/swagger';
import { targetConstructorToSchema, validationMetadatasToSchemas } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';

const SCHEMAS = '#/components/schemas/';
const OPTIONS = { classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: SCHEMAS };

/**
 * Contract classes carry class-validator rules, not @ApiProperty: their JSON schemas are derived from
 * those rules, so the documentation cannot drift from what is enforced.
 */
export function contractSchemaRef(contract: abstract new () => object): ReferenceObject {
  return { $ref: `${SCHEMAS}${contract.name}` };
}

/** Schemas of every class-validator class loaded, by class name. */
export function allContractSchemas(): Record<string, SchemaObject> {
  return validationMetadatasToSchemas(OPTIONS) as Record<string, SchemaObject>;
}

/** What a query parameter's documentation adds to, or replaces in, what its contract rules say. */
export interface QueryParameterDoc {
  description?: string;
  /** Replaces the schema derived from the rules (a list parameter, a format the rules cannot express). */
  schema?: SchemaObject;
  style?: 'form';
  explode?: boolean;
}

/**
 * Documents each field of a contract class as an optional query parameter; `docs` describes parameters
 * further, or corrects what a custom rule cannot say by itself (e.g. a field taking one value or several).
 */
export function ApiQueryFromContract(
  contract: abstract new () => object,
  docs: Readonly<Record<string, QueryParameterDoc>> = {},
): MethodDecorator {
  const schema = targetConstructorToSchema(contract, OPTIONS) as SchemaObject;
  const required = new Set(schema.required ?? []);
  return applyDecorators(
    ...Object.entries(schema.properties ?? {}).map(([name, property]) =>
      ApiQuery({ name, required: required.has(name), schema: property as SchemaObject, ...docs[name] }),
    ),
  );
}
