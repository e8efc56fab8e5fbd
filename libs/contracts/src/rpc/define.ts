import type { ClassConstructor } from 'class-transformer';

/**
 * A request/reply subject with what it takes and what it answers, declared once beside the other
 * subjects of the service that answers it (`rpc/<service>/`). Callers send it with
 * `RpcClient.request(definition, request)` and get the reply's type; handlers answer it with
 * `@Answers(definition)`, which checks the request against `request` before the method runs.
 *
 * `kind` says whether the subject changes something (`command`) or only reads (`query`).
 */
export interface RpcDefinition<Request extends object, Reply> {
  readonly kind: 'command' | 'query';
  /** Without the deployment prefix. NEVER change it in place: running instances listen on it. */
  readonly subject: string;
  /** The class-validator contract every request is checked against. */
  readonly request: ClassConstructor<Request>;
  /**
   * The reply's class (its rules document it: reply-schema.ts), or only its type (`replyOf<T>()`) for a reply
   * still declared as an interface. Replies are built by the service that owns them and are not checked again.
   */
  readonly reply: ReplyDeclaration<Reply>;
}

/** The reply's type, carried by a definition without a value (many replies are interfaces). */
export interface ReplyType<Reply> {
  readonly __reply?: Reply;
}

/** A reply class, or only a reply type (`replyOf<T>()`). */
export type ReplyDeclaration<Reply> = ClassConstructor<Reply> | ReplyType<Reply>;

export type AnyRpcDefinition = RpcDefinition<object, unknown>;
export type RequestOf<D> = D extends RpcDefinition<infer Request, unknown> ? Request : never;
export type ReplyOf<D> = D extends RpcDefinition<object, infer Reply> ? Reply : never;

/** A reply declared only as a type: `defineQuery(subject, Request, replyOf<Answer>())`. */
export function replyOf<Reply>(): ReplyType<Reply> {
  return {};
}

/** A subject that changes something. */
export function defineCommand<Request extends object, Reply>(
  subject: string,
  request: ClassConstructor<Request>,
  reply: ReplyDeclaration<Reply>,
): RpcDefinition<Request, Reply> {
  return { kind: 'command', subject, request, reply };
}

/** A subject that only reads. */
export function defineQuery<Request extends object, Reply>(
  subject: string,
  request: ClassConstructor<Request>,
  reply: ReplyDeclaration<Reply>,
): RpcDefinition<Request, Reply> {
  return { kind: 'query', subject, request, reply };
}

/** The token of an area-scoped subject that stands for an area code. */
export const AREA_PLACEHOLDER = '{area}';

/**
 * A request/reply subject served per area: its subject carries the area code in place of `{area}`
 * (`resolution.{area}.ticket.take.v1` → `resolution.UIT.ticket.take.v1`), so an instance started for some
 * areas receives only their work. It has no `subject`, so it cannot be sent as it is: callers send
 * `forArea(definition, area)`; handlers answer it with `@AnswersInArea(definition)`, which subscribes the
 * pattern once per area the instance serves and hands the method the area the request was addressed to.
 */
export interface AreaRpcDefinition<Request extends object, Reply> {
  readonly kind: 'command' | 'query';
  /** With the `{area}` token, without the deployment prefix. NEVER change it in place. */
  readonly subjectPattern: string;
  readonly request: ClassConstructor<Request>;
  readonly reply: ReplyDeclaration<Reply>;
}

/** A subject served per area that changes something; `subjectPattern` holds one `{area}` token. */
export function defineAreaCommand<Request extends object, Reply>(
  subjectPattern: string,
  request: ClassConstructor<Request>,
  reply: ReplyDeclaration<Reply>,
): AreaRpcDefinition<Request, Reply> {
  if (subjectPattern.split('.').filter((token) => token === AREA_PLACEHOLDER).length !== 1) {
    throw new Error(`${subjectPattern} must hold ${AREA_PLACEHOLDER} once, as a whole token`);
  }
  return { kind: 'command', subjectPattern, request, reply };
}

/** The definition as sent to one area's instances. */
export function forArea<Request extends object, Reply>(
  definition: AreaRpcDefinition<Request, Reply>,
  area: string,
): RpcDefinition<Request, Reply> {
  const { kind, subjectPattern, request, reply } = definition;
  return { kind, subject: subjectPattern.replace(AREA_PLACEHOLDER, area), request, reply };
}
