import 'reflect-metadata';
import { TransformationType, Type } from 'class-transformer';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { getMetadataStorage, ValidationTypes, type ValidationArguments } from 'class-validator';

/**
 * Whether an instance (as class-transformer made it from a payload) breaks none of its class's rules: the same
 * verdict as class-validator's `validateSync` with `whitelist`, `forbidNonWhitelisted` and `forbidUnknownValues`,
 * for the rules our contracts use, without building an error for every property checked. Each class's rules are
 * grouped once into a plan and each rule's validator is called as class-validator calls it.
 *
 * `undefined` when a class uses something the plan does not follow (an async rule, promise validation, a rule kind
 * class-validator may add later): the caller asks class-validator. So does a refusal, for the problems to report.
 */
export function passesContract(instance: object): boolean | undefined {
  try {
    return objectPasses(instance);
  } catch {
    // A class not planned (NotPlanned), or a rule that threw: class-validator decides what the caller sees.
    return undefined;
  }
}

/**
 * The instance class-transformer's `plainToInstance` makes of a JSON payload (no implicit conversion), built
 * from the class's plan: the class's own instance with the payload's keys, an instance of the `@Type` class
 * for each nested object (in arrays too), other objects and arrays copied. `undefined` when the payload has a
 * key the class has no rule for (it is refused; class-transformer builds what class-validator reports on), or
 * the class uses what the plan does not follow (`@Transform`, `@Expose`/`@Exclude`, a `@Type` of a value type or
 * with a discriminator, accessors or methods): the caller asks class-transformer.
 */
export function contractInstance(cls: new () => object, plain: object): object | undefined {
  if (!SHARED_STORAGE) return undefined;
  try {
    return instanceOf(cls, plain);
  } catch {
    return undefined;
  }
}

class ProbeItem {}
class Probe {
  @Type(() => ProbeItem)
  item?: ProbeItem;
}
/**
 * Whether the decorators record their metadata in the storage this module reads (a bundler that loaded
 * class-transformer twice, once per module format, would give each its own): if not, class-transformer builds.
 */
const SHARED_STORAGE = defaultMetadataStorage.findTypeMetadata(Probe, 'item') !== undefined;

type Rule = (object: object, value: unknown) => boolean;

interface PropertyPlan {
  readonly name: string;
  /** `@IsOptional` and `@ValidateIf`: the property is checked only when every one holds. */
  readonly conditions: ReadonlyArray<(object: object, value: unknown) => boolean>;
  /** `@IsDefined`, checked before the other rules as class-validator does. */
  readonly defined: readonly Rule[];
  readonly rules: readonly Rule[];
  /** How many `@ValidateNested` the property has (each walks the value). */
  readonly nested: number;
}

interface ClassPlan {
  readonly properties: readonly PropertyPlan[];
  /**
   * The `@Type` class of each property that has one (class-transformer makes its objects instances of it); null
   * when class-transformer does more to the class's payloads than the plan follows.
   */
  readonly types: ReadonlyMap<string, new () => object> | null;
  /** Properties with at least one rule: any other own key is refused (`forbidNonWhitelisted`). */
  readonly allowed: ReadonlySet<string>;
}

/** A class the plan does not follow: class-validator decides. */
class NotPlanned extends Error {}

interface RuleMetadata {
  type: string;
  propertyName: string;
  constraints: unknown[];
  constraintCls?: unknown;
  each?: boolean;
  validateIf?: (object: object, value: unknown) => boolean;
}

interface ConstraintMetadata {
  async: boolean;
  instance: { validate(value: unknown, args: ValidationArguments): unknown };
}

interface RuleStorage {
  getTargetValidationMetadatas(
    target: unknown,
    schema: string,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ): RuleMetadata[];
  getTargetValidatorConstraints(target: unknown): ConstraintMetadata[];
  addValidationMetadata(metadata: unknown): void;
}

const storage = getMetadataStorage() as unknown as RuleStorage;
/** null: a class with no rules (refused as an unknown value); 'not planned': class-validator decides. */
type Planned = ClassPlan | null | 'not planned';
let plans = new Map<unknown, Planned>();
// A class defined later adds rules or types (to it, or to a class it extends): every plan is made again.
const addRule = storage.addValidationMetadata.bind(storage);
storage.addValidationMetadata = (metadata) => {
  plans = new Map<unknown, Planned>();
  addRule(metadata);
};
for (const add of ['addTypeMetadata', 'addTransformMetadata', 'addExposeMetadata', 'addExcludeMetadata'] as const) {
  const record: (metadata: never) => void = defaultMetadataStorage[add].bind(defaultMetadataStorage);
  defaultMetadataStorage[add] = (metadata: never) => {
    plans = new Map<unknown, Planned>();
    record(metadata);
  };
}

function planOf(target: unknown): ClassPlan | null {
  let plan = plans.get(target);
  if (plan === undefined) {
    try {
      plan = makePlan(target);
    } catch (error) {
      if (!(error instanceof NotPlanned)) throw error;
      plan = 'not planned';
    }
    plans.set(target, plan);
  }
  if (plan === 'not planned') throw new NotPlanned();
  return plan;
}

const FOLLOWED = new Set<string>([
  ValidationTypes.CUSTOM_VALIDATION,
  ValidationTypes.NESTED_VALIDATION,
  ValidationTypes.CONDITIONAL_VALIDATION,
  ValidationTypes.IS_DEFINED,
  ValidationTypes.WHITELIST,
]);

/** The class's rules grouped by property (null: a class with no rules, refused as an unknown value). */
function makePlan(target: unknown): ClassPlan | null {
  // As class-validator's executor asks (no groups, `always` off); nested objects add the parent's name as a
  // schema, which only matters for rules registered by schema name, and ours are registered on classes.
  const metadatas = storage.getTargetValidationMetadatas(target, '', false, false, undefined);
  if (metadatas.length === 0) return null;
  const grouped = new Map<string, RuleMetadata[]>();
  for (const metadata of metadatas) {
    if (!FOLLOWED.has(metadata.type)) throw new NotPlanned();
    const list = grouped.get(metadata.propertyName) ?? [];
    list.push(metadata);
    grouped.set(metadata.propertyName, list);
  }
  const properties: PropertyPlan[] = [];
  for (const [name, list] of grouped) {
    properties.push({
      name,
      conditions: list
        .filter((m) => m.type === ValidationTypes.CONDITIONAL_VALIDATION)
        .map((m) => m.constraints[0] as (object: object, value: unknown) => boolean),
      defined: list.filter((m) => m.type === ValidationTypes.IS_DEFINED).map(ruleOf),
      rules: list.filter((m) => m.type === ValidationTypes.CUSTOM_VALIDATION).map(ruleOf),
      nested: list.filter((m) => m.type === ValidationTypes.NESTED_VALIDATION).length,
    });
  }
  return { properties, allowed: new Set(grouped.keys()), types: typesOf(target, [...grouped.keys()]) };
}

/** Constructors class-transformer converts values to rather than instantiating them with a payload's keys. */
const VALUE_TYPES = new Set<unknown>([String, Number, Boolean, Date, Object, Array, Map, Set, Promise, Buffer]);

/** Each property's `@Type` class, when class-transformer would do nothing else to the class's payloads. */
function typesOf(target: unknown, propertyNames: readonly string[]): Map<string, new () => object> | null {
  try {
    return typeClassesOf(target as new () => object, propertyNames);
  } catch (error) {
    if (error instanceof NotPlanned) return null;
    throw error;
  }
}

function typeClassesOf(cls: new () => object, propertyNames: readonly string[]): Map<string, new () => object> {
  if (
    defaultMetadataStorage.getStrategy(cls) !== 'none' ||
    defaultMetadataStorage.getExposedMetadatas(cls).length > 0 ||
    defaultMetadataStorage.getExcludedMetadatas(cls).length > 0
  ) {
    throw new NotPlanned();
  }
  // class-transformer skips keys that are accessors or methods: contracts have neither.
  for (let proto: unknown = cls.prototype; proto && proto !== Object.prototype; proto = Object.getPrototypeOf(proto)) {
    if (Object.getOwnPropertyNames(proto).some((name) => name !== 'constructor')) throw new NotPlanned();
  }
  const types = new Map<string, new () => object>();
  for (const name of propertyNames) {
    if (defaultMetadataStorage.findTransformMetadatas(cls, name, TransformationType.PLAIN_TO_CLASS).length > 0) {
      throw new NotPlanned();
    }
    const type = defaultMetadataStorage.findTypeMetadata(cls, name);
    if (!type) continue;
    if (type.options?.discriminator || !type.typeFunction) throw new NotPlanned();
    // Contracts declare `@Type(() => SomeClass)`: the function does not look at the payload.
    const nested = type.typeFunction() as unknown;
    if (typeof nested !== 'function' || VALUE_TYPES.has(nested)) throw new NotPlanned();
    types.set(name, nested as new () => object);
  }
  return types;
}

function instanceOf(cls: new () => object, plain: object): object | undefined {
  const plan = planOf(cls);
  if (!plan?.types || !isJsonObject(plain)) return undefined;
  const instance = new cls() as Record<string, unknown>;
  for (const [key, value] of Object.entries(plain)) {
    if (OBJECT_METHODS.has(key)) continue;
    if (!plan.allowed.has(key)) return undefined;
    const type = plan.types.get(key);
    const converted = type ? typedValue(type, value) : copied(value);
    if (converted === NOT_BUILT) return undefined;
    instance[key] = converted;
  }
  return instance;
}

const NOT_BUILT = Symbol('not built');

/**
 * Keys class-transformer leaves out of what it builds, because the new object already has them as methods
 * (`{"toString": "x"}` becomes `{}`): Object.prototype's own, but `__proto__`, an accessor it would set.
 */
const OBJECT_METHODS = new Set(Object.getOwnPropertyNames(Object.prototype).filter((name) => name !== '__proto__'));

function typedValue(type: new () => object, value: unknown): unknown {
  if (Array.isArray(value)) {
    const items: unknown[] = [];
    for (const item of value) {
      const converted = typedValue(type, item);
      if (converted === NOT_BUILT) return NOT_BUILT;
      items.push(converted);
    }
    return items;
  }
  if (typeof value !== 'object' || value === null) return value;
  return instanceOf(type, value) ?? NOT_BUILT;
}

/**
 * An object as JSON makes them. A payload built in code (an event for the outbox) may hold a Date or another
 * class's instance, which class-transformer treats in ways of its own: it builds those.
 */
export function isJsonObject(value: object): boolean {
  // Any realm's Object.prototype (a test's sandbox has its own), whose own prototype is null.
  const prototype = Object.getPrototypeOf(value) as object | null;
  return prototype === null || Object.getPrototypeOf(prototype) === null;
}

/** JSON copied as class-transformer copies what has no `@Type`: new objects and arrays, the same leaves. */
function copied(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value.map(copied);
    return items.includes(NOT_BUILT) ? NOT_BUILT : items;
  }
  if (typeof value !== 'object' || value === null) return value;
  if (!isJsonObject(value)) return NOT_BUILT;
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // Refused by validateContract before any copy (unsafeValues); never set a prototype through a copy.
    if (key === '__proto__') return NOT_BUILT;
    if (OBJECT_METHODS.has(key)) continue;
    const converted = copied(item);
    if (converted === NOT_BUILT) return NOT_BUILT;
    copy[key] = converted;
  }
  return copy;
}

/** One decorator's check, as `customValidations` runs it (its `validateIf`, `each` over arrays, sets and maps). */
function ruleOf(metadata: RuleMetadata): Rule {
  const constraints = storage.getTargetValidatorConstraints(metadata.constraintCls);
  if (constraints.some((constraint) => constraint.async)) throw new NotPlanned();
  const { propertyName, each, validateIf } = metadata;
  return (object, value) => {
    if (validateIf && !validateIf(object, value)) return true;
    const args: ValidationArguments = {
      targetName: (object.constructor as { name?: string } | undefined)?.name ?? '',
      property: propertyName,
      object,
      value,
      constraints: metadata.constraints,
    };
    const items =
      each && (Array.isArray(value) || value instanceof Set || value instanceof Map)
        ? value instanceof Map
          ? Array.from(value.values() as Iterable<unknown>)
          : Array.from(value as Iterable<unknown>)
        : null;
    for (const constraint of constraints) {
      if (!items) {
        if (!verdictOf(constraint.instance.validate(value, args))) return false;
        continue;
      }
      for (const item of items) if (!verdictOf(constraint.instance.validate(item, args))) return false;
    }
    return true;
  };
}

function verdictOf(verdict: unknown): boolean {
  if (verdict instanceof Promise) throw new NotPlanned();
  return Boolean(verdict);
}

function objectPasses(object: object): boolean {
  const plan = planOf(object.constructor);
  if (!plan) return false;
  for (const key of Object.keys(object)) if (!plan.allowed.has(key)) return false;
  const record = object as Record<string, unknown>;
  for (const property of plan.properties) {
    if (!propertyPasses(object, record[property.name], property)) return false;
  }
  return true;
}

function propertyPasses(object: object, value: unknown, property: PropertyPlan): boolean {
  for (const condition of property.conditions) if (!condition(object, value)) return true;
  for (const rule of property.defined) if (!rule(object, value)) return false;
  for (const rule of property.rules) if (!rule(object, value)) return false;
  for (let i = 0; i < property.nested; i++) if (!nestedPasses(value)) return false;
  return true;
}

/** `nestedValidations`: each item of an array (or set, or map) in turn, an object by its own class's rules. */
function nestedPasses(value: unknown): boolean {
  if (value === undefined) return true;
  if (Array.isArray(value) || value instanceof Set || value instanceof Map) {
    const items = value instanceof Map ? Array.from(value.values() as Iterable<unknown>) : Array.from(value);
    return items.every(nestedPasses);
  }
  if (value instanceof Object) return objectPasses(value);
  return false;
}
