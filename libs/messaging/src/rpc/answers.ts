import { Ctx, MessagePattern, Payload, type NatsContext } from '@nestjs/microservices';
import type { AreaRpcDefinition, RpcDefinition } from '@cau/contracts';
import { areaOfSubject } from './nats-server.js';
import { parseMessage } from './service-error.js';

type Handler<Request, Reply> = (request: Request, context: NatsContext) => Reply | Promise<Reply>;
type AreaHandler<Request, Reply> = (area: string, request: Request) => Reply | Promise<Reply>;

/**
 * Subscribes the method to the definition's subject and hands it the request already checked against the
 * definition's class: an invalid request is answered with VALIDATION naming the field, before the method
 * runs. The method must answer the definition's reply type. It takes no parameter decorators: the
 * message's data (what gets checked) and its `NatsContext` are bound here.
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
    bindDataAndContext(target, key);
    MessagePattern(definition.subject)(target, key, descriptor);
  };
}

/**
 * `@Answers` for a subject served per area: the pattern is subscribed once per area the instance serves
 * (`PrefixedNatsServer`), and the method is called with the area the request was addressed to (the
 * `{area}` token of the subject it arrived on) and the checked request.
 */
export function AnswersInArea<Request extends object, Reply>(definition: AreaRpcDefinition<Request, Reply>) {
  return <Method extends AreaHandler<Request, Reply>>(
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Method>,
  ): void => {
    const handle = descriptor.value;
    if (handle === undefined) throw new Error(`@AnswersInArea(${definition.subjectPattern}) must decorate a method`);
    // Nest calls the method with the message's data and context; the method itself takes the area first.
    descriptor.value = function (this: unknown, data: unknown, context: NatsContext) {
      const area = areaOfSubject(definition.subjectPattern, context.getSubject());
      return handle.call(this, area, parseMessage(definition.request, data));
    } as unknown as Method;
    bindDataAndContext(target, key);
    MessagePattern(definition.subjectPattern)(target, key, descriptor);
  };
}

/** Without parameter decorators Nest would call the wrapper with the data alone, never the context. */
function bindDataAndContext(target: object, key: string | symbol): void {
  Payload()(target, key, 0);
  Ctx()(target, key, 1);
}
