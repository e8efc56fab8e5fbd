import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type ActorV1 } from '@cau/contracts';
import { ServiceError, ServiceRuntime } from '@cau/messaging';
import { AuditRepository, type AuditChange } from '../audit/audit.repository.js';
import {
  CannedAnswerLimits,
  type CannedAnswerListResponse,
  type CannedAnswerQuery,
  type CannedAnswerResponse,
  type CreateCannedAnswerRequest,
  type UpdateCannedAnswerRequest,
} from './canned-answer.dto.js';
import { CannedAnswerRepository, type CannedAnswer, type CannedSaveOutcome } from './canned-answer.repository.js';
import { CANNED_PLACEHOLDERS, mayWriteAnswersOf, unknownPlaceholders } from './canned-answer-rules.js';

/** The areas' canned answers for replies and solutions: read by all staff, written by the area. */
@Injectable()
export class ManageCannedAnswersUseCase {
  constructor(
    private readonly answers: CannedAnswerRepository,
    private readonly audit: AuditRepository,
    private readonly runtime: ServiceRuntime,
  ) {}

  async list(actor: ActorV1, query: CannedAnswerQuery): Promise<CannedAnswerListResponse> {
    const found = await this.answers.list(
      { ...(query.area ? { area: query.area } : {}), ...(query.search ? { search: query.search.trim() } : {}) },
      CannedAnswerLimits.listed + 1,
    );
    const items = found.slice(0, CannedAnswerLimits.listed).map((answer) => toResponse(actor, answer));
    return found.length > CannedAnswerLimits.listed ? { items, truncated: true } : { items };
  }

  async create(actor: ActorV1, request: CreateCannedAnswerRequest): Promise<CannedAnswerResponse> {
    this.mayWrite(actor, request.area);
    checkPlaceholders(request.body);
    const id = randomUUID();
    const title = request.title.trim();
    const outcome = await this.runtime.transaction(async (tx) => {
      const result = await this.answers.insert(
        id,
        actor.accountId,
        { area: request.area, title, body: request.body },
        tx,
      );
      if ('saved' in result) await this.audit.record(actor, change('create', id, null, result.saved), tx);
      return result;
    });
    return toResponse(actor, saved(outcome, title, id));
  }

  async update(actor: ActorV1, id: string, request: UpdateCannedAnswerRequest): Promise<CannedAnswerResponse> {
    const answer = await this.existing(id);
    this.mayWrite(actor, answer.area);
    if (request.body !== undefined) checkPlaceholders(request.body);
    const title = request.title?.trim() ?? answer.title;
    const outcome = await this.runtime.transaction(async (tx) => {
      const result = await this.answers.update(id, actor.accountId, { title, body: request.body ?? answer.body }, tx);
      if ('saved' in result) await this.audit.record(actor, change('update', id, answer, result.saved), tx);
      return result;
    });
    return toResponse(actor, saved(outcome, title, id));
  }

  async delete(actor: ActorV1, id: string): Promise<void> {
    const answer = await this.existing(id);
    this.mayWrite(actor, answer.area);
    const deleted = await this.runtime.transaction(async (tx) => {
      if (!(await this.answers.delete(id, tx))) return false;
      await this.audit.record(actor, change('delete', id, answer, null), tx);
      return true;
    });
    if (!deleted) throw ServiceError.notFound('canned-answer', id);
  }

  private async existing(id: string): Promise<CannedAnswer> {
    const answer = await this.answers.find(id);
    if (!answer) throw ServiceError.notFound('canned-answer', id);
    return answer;
  }

  private mayWrite(actor: ActorV1, area: string): void {
    if (!mayWriteAnswersOf(actor, area)) {
      throw ServiceError.forbidden({ code: 'gateway.canned-answers-not-allowed', params: { area } });
    }
  }
}

function change(
  verb: 'create' | 'update' | 'delete',
  id: string,
  before: CannedAnswer | null,
  after: CannedAnswer | null,
): AuditChange {
  const audited = (a: CannedAnswer | null) => (a ? { area: a.area, title: a.title, body: a.body } : null);
  return {
    action: `canned-answer.${verb}`,
    targetType: 'canned-answer',
    targetId: id,
    before: audited(before),
    after: audited(after),
  };
}

function checkPlaceholders(body: string): void {
  const [unknown] = unknownPlaceholders(body);
  if (unknown !== undefined) {
    throw ServiceError.validation([
      { field: 'body', constraint: 'cannedPlaceholder', params: [unknown, [...CANNED_PLACEHOLDERS]] },
    ]);
  }
}

function saved(outcome: CannedSaveOutcome, title: string, id: string): CannedAnswer {
  if ('saved' in outcome) return outcome.saved;
  if ('duplicateTitle' in outcome) {
    throw new ServiceError({
      code: ErrorCode.Conflict,
      refusal: { code: 'gateway.canned-answer-title-taken', params: { title } },
      fields: [{ field: 'title', constraint: 'duplicateName', params: [title] }],
    });
  }
  // Deleted meanwhile, in another tab or by a colleague.
  throw ServiceError.notFound('canned-answer', id);
}

function toResponse(actor: ActorV1, answer: CannedAnswer): CannedAnswerResponse {
  return {
    id: answer.id,
    area: answer.area,
    title: answer.title,
    body: answer.body,
    updatedBy: { accountId: answer.updatedByAccountId, name: answer.updatedByName },
    mayEdit: mayWriteAnswersOf(actor, answer.area),
    createdAt: answer.createdAt.toISOString(),
    updatedAt: answer.updatedAt.toISOString(),
  };
}
