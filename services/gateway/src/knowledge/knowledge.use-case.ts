import { Injectable } from '@nestjs/common';
import {
  KnowledgeRpc,
  type ActorV1,
  type ArticleChangesV1,
  type ArticleV1,
  type DuplicateCheckV1,
  type ArticleVersionV1,
  type CreateArticleBodyV1,
  type CreateArticleResultV1,
  type DuplicateCandidateV1,
  type KbArticleListParamsV1,
  type KbArticlePageV1,
  type KbSearchPageV1,
  type KbSearchParamsV1,
  type KbSuggestionV1,
  type KbSuggestParamsV1,
  type ReindexResultV1,
  type SelfSolvedBodyV1,
  type SelfSolvedResultV1,
  type VoteBodyV1,
  type TicketKbSuggestionsV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** The knowledge service decides who may read or write what; the gateway forwards with the actor. */
@Injectable()
export class KnowledgeUseCase {
  constructor(private readonly rpc: RpcClient) {}

  create(actor: ActorV1, article: CreateArticleBodyV1): Promise<CreateArticleResultV1> {
    return this.rpc
      .request(KnowledgeRpc.CreateArticle, { actor, article })
      .catch((error: unknown) => rethrowRelativeTo(error, 'article'));
  }

  update(actor: ActorV1, id: string, changes: ArticleChangesV1): Promise<ArticleV1> {
    return this.rpc
      .request(KnowledgeRpc.UpdateArticle, { actor, id, changes })
      .catch((error: unknown) => rethrowRelativeTo(error, 'changes'));
  }

  duplicates(actor: ActorV1, article: DuplicateCheckV1): Promise<DuplicateCandidateV1[]> {
    return this.rpc
      .request(KnowledgeRpc.FindDuplicates, { actor, article })
      .catch((error: unknown) => rethrowRelativeTo(error, 'article'));
  }

  get(actor: ActorV1, id: string): Promise<ArticleV1> {
    return this.rpc.request(KnowledgeRpc.GetArticle, { actor, id });
  }

  list(actor: ActorV1, params: KbArticleListParamsV1): Promise<KbArticlePageV1> {
    return this.rpc
      .request(KnowledgeRpc.ListArticles, { actor, params })
      .catch((error: unknown) => rethrowRelativeTo(error, 'params'));
  }

  versions(actor: ActorV1, id: string): Promise<ArticleVersionV1[]> {
    return this.rpc.request(KnowledgeRpc.ArticleVersions, { actor, id });
  }

  transition(actor: ActorV1, id: string, to: 'publish' | 'archive'): Promise<ArticleV1> {
    return this.rpc.request(to === 'publish' ? KnowledgeRpc.PublishArticle : KnowledgeRpc.ArchiveArticle, {
      actor,
      id,
    });
  }

  selfSolved(actor: ActorV1, id: string, selfSolved: SelfSolvedBodyV1): Promise<SelfSolvedResultV1> {
    return this.rpc
      .request(KnowledgeRpc.RecordSelfSolved, { actor, id, selfSolved })
      .catch((error: unknown) => rethrowRelativeTo(error, 'selfSolved'));
  }

  vote(actor: ActorV1, id: string, vote: VoteBodyV1): Promise<ArticleV1> {
    return this.rpc
      .request(KnowledgeRpc.Vote, { actor, id, vote })
      .catch((error: unknown) => rethrowRelativeTo(error, 'vote'));
  }

  draftFromTicket(actor: ActorV1, number: number): Promise<ArticleV1> {
    return this.rpc.request(KnowledgeRpc.DraftFromTicket, { actor, number });
  }

  search(actor: ActorV1, params: KbSearchParamsV1): Promise<KbSearchPageV1> {
    return this.rpc
      .request(KnowledgeRpc.Search, { actor, params })
      .catch((error: unknown) => rethrowRelativeTo(error, 'params'));
  }

  suggest(actor: ActorV1, params: KbSuggestParamsV1): Promise<KbSuggestionV1[]> {
    return this.rpc
      .request(KnowledgeRpc.Suggest, { actor, params })
      .catch((error: unknown) => rethrowRelativeTo(error, 'params'));
  }

  ticketSuggestions(actor: ActorV1, number: number): Promise<TicketKbSuggestionsV1> {
    return this.rpc.request(KnowledgeRpc.TicketSuggestions, { actor, number });
  }

  reindex(actor: ActorV1): Promise<ReindexResultV1> {
    return this.rpc.request(KnowledgeRpc.Reindex, { actor });
  }
}
