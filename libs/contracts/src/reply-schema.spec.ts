import { Type } from 'class-transformer';
import { IsIn, IsString, ValidateNested } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { Documented } from './reply-schema.js';

const OPTIONS = { classTransformerMetadataStorage: defaultMetadataStorage, refPointerPrefix: '#/components/schemas/' };

class PartV1 {
  @IsString()
  name!: string;
}

class DocumentedReplyV1 {
  @IsString()
  plain!: string;

  @IsString()
  @Documented({ format: 'date-time', nullable: true, description: 'Cuándo' })
  at!: string | null;

  @IsIn(['a', 'b'])
  @Documented({ nullable: true })
  choice!: 'a' | 'b' | null;

  @ValidateNested()
  @Type(() => PartV1)
  @Documented({ nullable: true, description: 'La parte' })
  maybePart!: PartV1 | null;

  @ValidateNested()
  @Type(() => PartV1)
  @Documented({ description: 'Siempre' })
  part!: PartV1;

  @ValidateNested({ each: true })
  @Type(() => PartV1)
  parts!: PartV1[];
}

describe('reply schemas', () => {
  const schema = targetConstructorToSchema(DocumentedReplyV1, OPTIONS) as {
    properties: Record<string, unknown>;
    required: string[];
  };

  it('keeps every field required, nullable ones too', () => {
    expect(schema.required.sort()).toEqual(['at', 'choice', 'maybePart', 'part', 'parts', 'plain']);
  });

  it('writes null the OpenAPI 3.1 way, with what the rules cannot say', () => {
    expect(schema.properties).toEqual({
      plain: { type: 'string' },
      at: { type: ['string', 'null'], format: 'date-time', description: 'Cuándo' },
      choice: { type: ['string', 'null'], enum: ['a', 'b', null] },
      maybePart: {
        anyOf: [{ $ref: '#/components/schemas/PartV1' }, { type: 'null' }],
        description: 'La parte',
      },
      part: { allOf: [{ $ref: '#/components/schemas/PartV1' }], description: 'Siempre' },
      parts: { type: 'array', items: { $ref: '#/components/schemas/PartV1' } },
    });
  });
});
