import { Injectable } from '@nestjs/common';
import { ServiceError } from '@cau/messaging';
import { AUDIT_PAGE_SIZE, type AuditPageResponse, type AuditQueryParams } from './audit.dto.js';
import { AuditRepository } from './audit.repository.js';

/** Administrators read who changed what: newest first, by target, actor and time. */
@Injectable()
export class AuditLogUseCase {
  constructor(private readonly audit: AuditRepository) {}

  async search(params: AuditQueryParams): Promise<AuditPageResponse> {
    const from = params.from === undefined ? null : new Date(params.from);
    const to = params.to === undefined ? null : new Date(params.to);
    if (from !== null && to !== null && to.getTime() < from.getTime()) {
      throw ServiceError.validation([{ field: 'to', constraint: 'dateRange', params: ['from'] }]);
    }
    const limit = params.limit ?? AUDIT_PAGE_SIZE.default;
    const found = await this.audit.search({
      targetType: params.targetType ?? null,
      targetId: params.targetId ?? null,
      actor: params.actor ?? null,
      from,
      to,
      before: params.cursor ?? null,
      limit: limit + 1,
    });
    const page = found.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((entry) => ({
        id: entry.seq,
        at: entry.at.toISOString(),
        actor: entry.actor,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        before: (entry.before ?? null) as Record<string, unknown> | null,
        after: (entry.after ?? null) as Record<string, unknown> | null,
      })),
      nextCursor: found.length > limit && last ? last.seq : null,
    };
  }
}
