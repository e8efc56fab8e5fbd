import { Injectable } from '@nestjs/common';
import { IntakeRpc, ErrorCode, type ActorV1 } from '@cau/contracts';
import { RpcClient, ServiceError, ServiceUnavailableError } from '@cau/messaging';

/**
 * Asks intake, which owns the catalogue, whether a category may still be given to tickets: a correction
 * must not bring back a retired category or invent one, while tickets that carry a retired one keep it.
 */
@Injectable()
export class ActiveCategories {
  constructor(private readonly rpc: RpcClient) {}

  async includes(actor: ActorV1, code: string): Promise<boolean> {
    try {
      // Without `full`, intake answers only active entries (a subcategory of a retired category is left out).
      const { categories } = await this.rpc.request(IntakeRpc.ListCatalogue, { actor, full: false });
      return categories.some((category) => category.code === code && !category.retired);
    } catch (error) {
      if (error instanceof ServiceUnavailableError) {
        throw new ServiceError({ code: ErrorCode.ServiceUnavailable, params: { service: 'intake' } });
      }
      throw error;
    }
  }
}
