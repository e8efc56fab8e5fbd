import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  F01QueryV1,
  ServiceLogQueries,
  ServiceLogQueryV1,
  type FormPdfV1,
  type ServiceLogPageV1,
} from '@cau/contracts';
import { parseMessage } from '@cau/messaging';
import { ServiceLogUseCases } from './service-log.use-cases.js';

@Controller()
export class ServiceLogHandler {
  constructor(private readonly serviceLog: ServiceLogUseCases) {}

  @MessagePattern(ServiceLogQueries.List)
  list(@Payload() data: unknown): Promise<ServiceLogPageV1> {
    return this.serviceLog.list(parseMessage(ServiceLogQueryV1, data));
  }

  @MessagePattern(ServiceLogQueries.Form)
  form(@Payload() data: unknown): Promise<FormPdfV1> {
    return this.serviceLog.form(parseMessage(ServiceLogQueryV1, data));
  }

  @MessagePattern(ServiceLogQueries.TicketForm)
  ticketForm(@Payload() data: unknown): Promise<FormPdfV1> {
    return this.serviceLog.ticketForm(parseMessage(F01QueryV1, data));
  }
}
