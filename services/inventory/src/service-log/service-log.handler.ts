import { Controller } from '@nestjs/common';
import { F01QueryV1, InventoryRpc, ServiceLogQueryV1, type FormPdfV1, type ServiceLogPageV1 } from '@cau/contracts';
import { Answers } from '@cau/messaging';
import { ServiceLogUseCases } from './service-log.use-cases.js';

@Controller()
export class ServiceLogHandler {
  constructor(private readonly serviceLog: ServiceLogUseCases) {}

  @Answers(InventoryRpc.ServiceLog)
  list(request: ServiceLogQueryV1): Promise<ServiceLogPageV1> {
    return this.serviceLog.list(request);
  }

  @Answers(InventoryRpc.ServiceLogForm)
  form(request: ServiceLogQueryV1): Promise<FormPdfV1> {
    return this.serviceLog.form(request);
  }

  @Answers(InventoryRpc.F01Form)
  ticketForm(request: F01QueryV1): Promise<FormPdfV1> {
    return this.serviceLog.ticketForm(request);
  }
}
