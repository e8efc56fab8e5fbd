import { MessagePattern, type NatsContext } from '@nestjs/microservices';
import type { RpcDefinition } from '@cau/contracts';
import { parseMessage } from './service-error.js';

type Handler<Request, Reply> = (request: Request, context: NatsContext) => Reply | Promise<Reply>;

/**
 * Subscribes the method to the definition's subject and hands it the request already checked against the
 * definition's class: an invalid request is answered with VALIDATION naming the field, before the method
 * runs. The method must answer the definition's reply type. It takes no parameter decorators: Nest then
 * calls it with the message's data and its `NatsContext`, and the data is what gets checked.
 */
export function Answers<Request extends object, Reply>(definition: RpcDefinition<Request, Reply>) {
  return <Method extends Handler<Request, Reply>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    const handle = descriptor.value;
    if (handle === undefined) throw new Error(`@Answers(${definition.subject}) must decorate a method`);
    descriptor.value = function (this: unknown, data: unknown, context: NatsContext) {
      return handle.call(this, parseMessage(definition.request, data), context);
    } as Method;
    MessagePattern(definition.subject)(target, key, descriptor);
  };
}
