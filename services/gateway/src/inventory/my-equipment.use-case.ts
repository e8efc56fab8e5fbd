import { Injectable } from '@nestjs/common';
import {
  InventoryRpc,
  type AcceptCustodyBodyV1,
  type ActorV1,
  type CustodyPeriodV1,
  type MyEquipmentV1,
} from '@cau/contracts';
import { RpcClient } from '@cau/messaging';
import { rethrowRelativeTo } from '../http/field-paths.js';

/** "Mi equipo" and the holder's acceptance of a custody document; inventory decides who may do what. */
@Injectable()
export class MyEquipmentUseCase {
  constructor(private readonly rpc: RpcClient) {}

  mine(actor: ActorV1): Promise<MyEquipmentV1> {
    return this.rpc.request(InventoryRpc.MyEquipment, { actor });
  }

  accept(actor: ActorV1, id: string, periodId: string, acceptance: AcceptCustodyBodyV1): Promise<CustodyPeriodV1> {
    return this.rpc
      .request(InventoryRpc.AcceptCustody, { actor, id, periodId, acceptance })
      .catch((error: unknown) => rethrowRelativeTo(error, 'acceptance'));
  }

  /** The custody document's PDF: inventory answers it in base64 (a few tens of KiB). */
  async document(actor: ActorV1, id: string, periodId: string): Promise<{ filename: string; pdf: Buffer }> {
    const answer = await this.rpc.request(InventoryRpc.CustodyDocument, { actor, id, periodId });
    return { filename: answer.filename, pdf: Buffer.from(answer.base64, 'base64') };
  }
}
