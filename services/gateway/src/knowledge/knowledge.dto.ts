import type { PipeTransform } from '@nestjs/common';
import type { ClassConstructor } from 'class-transformer';
import { IsUUID } from 'class-validator';
import { ContractPipe } from '../http/request-input.js';

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
