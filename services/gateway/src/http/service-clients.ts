import { Injectable } from '@nestjs/common';
import {
  IntakeRpc,
  InventoryRpc,
  KnowledgeRpc,
  NotificationsRpc,
  ReportingRpc,
  ResolutionRpc,
  RoutingRpc,
  type AnyRpcDefinition,
  type ReplyOf,
  type RequestOf,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from './field-paths.js';

/** The definitions of a catalogue (`ReportingRpc`, …) that can be sent as they are (not the per-area ones). */
type SendableOf<Catalogue> = Extract<Catalogue[keyof Catalogue], AnyRpcDefinition>;

/** How long the gateway waits for a rendered document (see ServiceClient.document). */
const DOCUMENT_TIMEOUT_MS = 30_000;

/**
 * Sends one service's request/reply definitions, for controllers whose route only forwards to that service:
 * the route names the definition (`this.reporting.request(ReportingRpc.TicketList, …)`), which leads in one
 * search to the handler that serves it (`@Answers(ReportingRpc.TicketList)`). What holds logic of its own
 * stays a use case.
 */
@Injectable()
export class ServiceClient<Catalogue> {
  constructor(private readonly rpc: RpcClient) {}

  /**
   * `sentUnder` names the part of the request the HTTP client sent (`body`, `filters`): the service checks the
   * whole request, and a refusal's fields are named as the client sent them (`title`, not `body.title`).
   */
  request<D extends SendableOf<Catalogue>>(
    definition: D,
    request: RequestOf<D>,
    sentUnder?: string,
  ): Promise<ReplyOf<D>> {
    const reply = this.rpc.request(definition, request);
    return sentUnder === undefined ? reply : reply.catch((error: unknown) => rethrowRelativeTo(error, sentUnder));
  }

  /**
   * A document the service renders for this request (a PDF): it is given DOCUMENT_TIMEOUT_MS, not the deadline of
   * a lookup, before the caller is told the service did not answer. On a busy machine a render took over 5 s.
   */
  document<D extends SendableOf<Catalogue>>(definition: D, request: RequestOf<D>): Promise<ReplyOf<D>> {
    return this.rpc.request(definition, request, { timeoutMs: DOCUMENT_TIMEOUT_MS });
  }
}

@Injectable()
export class IntakeClient extends ServiceClient<typeof IntakeRpc> {}

@Injectable()
export class RoutingClient extends ServiceClient<typeof RoutingRpc> {}

@Injectable()
export class ResolutionClient extends ServiceClient<typeof ResolutionRpc> {}

@Injectable()
export class ReportingClient extends ServiceClient<typeof ReportingRpc> {}

@Injectable()
export class KnowledgeClient extends ServiceClient<typeof KnowledgeRpc> {}

@Injectable()
export class InventoryClient extends ServiceClient<typeof InventoryRpc> {}

@Injectable()
export class NotificationsClient extends ServiceClient<typeof NotificationsRpc> {}

/** Every service client, for the gateway module's providers. */
export const SERVICE_CLIENTS = [
  IntakeClient,
  RoutingClient,
  ResolutionClient,
  ReportingClient,
  KnowledgeClient,
  InventoryClient,
  NotificationsClient,
];
