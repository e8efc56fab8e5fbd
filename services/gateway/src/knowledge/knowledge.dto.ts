import type { PipeTransform } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import type { ClassConstructor } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { DuplicateCandidateV1 } from '@cau/contracts';
import { ContractPipe } from '../http/request-input.js';
import { contractSchemaRef } from '../openapi/contract-schemas.js';

export class ArticleIdParams {
  @IsUUID()
  id!: string;
}

/** A body that may be left out altogether: no body is the empty object, then checked like any other. */
export class OptionalBodyPipe<T extends object> implements PipeTransform<unknown, T> {
  private readonly inner: ContractPipe<T>;

  constructor(contract: ClassConstructor<T>) {
    this.inner = new ContractPipe(contract);
  }

  transform(value: unknown): T {
    return this.inner.transform(value === undefined || value === null ? {} : value);
  }
}

/** The 409 of "create an article" when near-duplicates exist: the shared error shape plus the candidates. */
export class KbDuplicatesConflictResponse {
  @ApiProperty({ example: 409 })
  statusCode!: number;

  @ApiProperty({ example: 'CONFLICT' })
  code!: string;

  @ApiProperty()
  message!: string;

  @ApiProperty({ type: 'array', items: contractSchemaRef(DuplicateCandidateV1) })
  candidates!: DuplicateCandidateV1[];

  @ApiProperty()
  correlationId!: string;
}
