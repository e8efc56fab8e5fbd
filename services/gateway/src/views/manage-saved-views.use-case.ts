import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ErrorCode, type ActorV1 } from '@cau/contracts';
import { ServiceError } from '@cau/messaging';
import {
  SavedViewLimits,
  type CreateSavedViewRequest,
  type SavedViewListResponse,
  type SavedViewResponse,
  type UpdateSavedViewRequest,
} from './saved-view.dto.js';
import { SavedViewRepository, type SaveOutcome, type SavedView } from './saved-view.repository.js';
import { viewAccess } from './saved-view-rules.js';

/** Staff keep named queue views for themselves, and share some with every staff member. */
@Injectable()
export class ManageSavedViewsUseCase {
  constructor(private readonly views: SavedViewRepository) {}

  async list(actor: ActorV1): Promise<SavedViewListResponse> {
    const views = await this.views.listVisibleTo(actor.accountId, SavedViewLimits.sharedListed);
    return { items: views.map((view) => toResponse(actor, view)) };
  }

  async create(actor: ActorV1, request: CreateSavedViewRequest): Promise<SavedViewResponse> {
    if ((await this.views.countOwnedBy(actor.accountId)) >= SavedViewLimits.perAccount) {
      throw ServiceError.conflict({ code: 'gateway.views-full', params: { limit: SavedViewLimits.perAccount } });
    }
    const name = request.name.trim();
    const outcome = await this.views.insert(randomUUID(), actor.accountId, {
      name,
      query: request.query,
      shared: request.shared ?? false,
    });
    return toResponse(actor, saved(outcome, name, null));
  }

  async update(actor: ActorV1, id: string, request: UpdateSavedViewRequest): Promise<SavedViewResponse> {
    const view = await this.ownView(actor, id);
    const name = request.name?.trim() ?? view.name;
    const outcome = await this.views.update(id, actor.accountId, {
      name,
      query: request.query ?? view.query,
      shared: request.shared ?? view.shared,
    });
    return toResponse(actor, saved(outcome, name, id));
  }

  async delete(actor: ActorV1, id: string): Promise<void> {
    await this.ownView(actor, id);
    if (!(await this.views.delete(id, actor.accountId))) throw ServiceError.notFound('view', id);
  }

  /** The actor's view; 404 when they cannot see it, 403 when it is someone else's shared view. */
  private async ownView(actor: ActorV1, id: string): Promise<SavedView> {
    const view = await this.views.find(id);
    const access = view ? viewAccess(actor, view) : 'none';
    if (!view || access === 'none') throw ServiceError.notFound('view', id);
    if (access !== 'owner') throw ServiceError.forbidden({ code: 'gateway.view-owner-only' });
    return view;
  }
}

function saved(outcome: SaveOutcome, name: string, id: string | null): SavedView {
  if ('saved' in outcome) return outcome.saved;
  if ('duplicateName' in outcome) {
    throw new ServiceError({
      code: ErrorCode.Conflict,
      refusal: { code: 'gateway.view-name-taken', params: { name } },
      fields: [{ field: 'name', constraint: 'duplicateName', params: [name] }],
    });
  }
  // Deleted meanwhile (by its owner, in another tab).
  throw ServiceError.notFound('view', id ?? '');
}

function toResponse(actor: ActorV1, view: SavedView): SavedViewResponse {
  return {
    id: view.id,
    name: view.name,
    query: view.query,
    shared: view.shared,
    owner: { accountId: view.ownerAccountId, name: view.ownerName },
    mine: view.ownerAccountId === actor.accountId,
    createdAt: view.createdAt.toISOString(),
    updatedAt: view.updatedAt.toISOString(),
  };
}
