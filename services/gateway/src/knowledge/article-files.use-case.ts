import type { Readable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { KnowledgeRpc, type ActorV1, type ArticleAccessV1 } from '@cau/contracts';
import { RpcClient, ServiceError } from '@cau/messaging';
import { AttachmentBytesMissing, AttachmentStore } from '@cau/attachments';
import { AttachmentsConfig } from '../attachments/attachments-config.js';
import { receiveUploads } from '../attachments/receive-uploads.js';
import { ArticleFileRepository, type ArticleFileRecord } from './article-file.repository.js';
import type { KbArticleFileResponse } from './article-files.dto.js';

/** Shown in place (an `<img>` of the article); every other type is only ever downloaded. */
const IMAGE_TYPES: ReadonlySet<string> = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

export const isInlineImage = (contentType: string): boolean => IMAGE_TYPES.has(contentType);

/**
 * Files and images of knowledge base articles, in the same store and with the same limits and content
 * checks as tickets' files. Who may read them is the article's rule, asked of the knowledge service as
 * the actor on every request: an internal or unpublished article's files are "not found" for requesters
 * exactly as the article is.
 */
@Injectable()
export class ArticleFilesUseCase {
  constructor(
    private readonly rpc: RpcClient,
    private readonly config: AttachmentsConfig,
    private readonly store: AttachmentStore,
    private readonly files: ArticleFileRepository,
  ) {}

  async add(actor: ActorV1, articleId: string, request: FastifyRequest): Promise<KbArticleFileResponse[]> {
    const article = await this.access(actor, articleId);
    if (article.status === 'archived') {
      throw ServiceError.conflict({ code: 'knowledge.archived-not-edited' });
    }
    // Per file and per request as for tickets; an article has no total of its own (its files are few).
    const perRequest = this.config.maxFileBytes * this.config.maxFilesPerRequest;
    const stored = await receiveUploads(request, this.store, {
      maxFileBytes: this.config.maxFileBytes,
      maxFiles: this.config.maxFilesPerRequest,
      maxRequestBytes: perRequest,
      ticketLimitBytes: perRequest,
    });
    try {
      await this.files.insert(actor.accountId, articleId, stored);
    } catch (error) {
      // Nothing half-stored: bytes without their row would be orphans nobody can reach.
      await Promise.all(stored.map((f) => this.store.delete(f.storageKey).catch(() => undefined)));
      throw error;
    }
    const added = new Set(stored.map((f) => f.id));
    return (await this.files.list(articleId)).filter((f) => added.has(f.id)).map(present);
  }

  async list(actor: ActorV1, articleId: string): Promise<KbArticleFileResponse[]> {
    await this.access(actor, articleId);
    return (await this.files.list(articleId)).map(present);
  }

  async open(
    actor: ActorV1,
    articleId: string,
    id: string,
  ): Promise<{ record: ArticleFileRecord; body: Readable; inline: boolean }> {
    await this.access(actor, articleId);
    const record = await this.files.find(articleId, id);
    if (!record) throw ServiceError.notFound('file', id);
    const body = await this.store.get(record.storageKey).catch((error: unknown) => {
      if (error instanceof AttachmentBytesMissing) throw ServiceError.notFound('file', id);
      throw error;
    });
    return { record, body, inline: isInlineImage(record.contentType) };
  }

  private access(actor: ActorV1, articleId: string): Promise<ArticleAccessV1> {
    return this.rpc.request(KnowledgeRpc.ArticleAccess, { actor, id: articleId });
  }
}

function present(record: ArticleFileRecord): KbArticleFileResponse {
  return {
    id: record.id,
    fileName: record.fileName,
    contentType: record.contentType,
    sizeBytes: record.sizeBytes,
    sha256: record.sha256,
    image: isInlineImage(record.contentType),
    url: `/api/v1/kb/articles/${record.articleId}/files/${record.id}`,
    addedBy: { accountId: record.ownerAccountId, name: record.ownerName ?? '' },
    addedAt: record.createdAt.toISOString(),
  };
}
