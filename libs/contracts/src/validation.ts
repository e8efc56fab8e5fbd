import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import { contractInstance, isJsonObject, passesContract } from './contract-check.js';
import type { FieldProblem } from './errors.js';

/**
 * class-validator looks up a class's rules on every validation, nested objects included, by testing the
 * class against every class that has rules (`instanceof`, for inherited rules): with our few hundred
 * contract classes that lookup was most of a small message's validation (about 0.2 ms) in a profile of
 * the inventory search. Rules are declared when a class is defined and never change afterwards, so each
 * answer is kept per class and options, and all are forgotten whenever a rule is added (a class
 * defined later). Callers only read the lists they get.
 */
function rememberRuleLookups(): void {
  type Lookup = (
    target: unknown,
    schema: string,
    always: boolean,
    strictGroups: boolean,
    groups?: string[],
  ) => unknown[];
  const storage = getMetadataStorage() as unknown as {
    getTargetValidationMetadatas: Lookup;
    addValidationMetadata: (metadata: unknown) => void;
    cauRuleLookupsRemembered?: true;
  };
  if (storage.cauRuleLookupsRemembered) return;
  storage.cauRuleLookupsRemembered = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let answers = new Map<unknown, Map<string, unknown[]>>();
  storage.addValidationMetadata = (metadata) => {
    answers = new Map<unknown, Map<string, unknown[]>>();
    addRule(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0001') ?? ''}`;
    let forTarget = answers.get(target);
    if (!forTarget) answers.set(target, (forTarget = new Map<string, unknown[]>()));
    let answer = forTarget.get(key);
    if (!answer) forTarget.set(key, (answer = lookUp(target, schema, always, strictGroups, groups)));
    return answer;
  };
}
rememberRuleLookups();

/**
 * Set by the test runs (libs/testing's global set-up, so the services they start inherit it): every payload is
 * then also made an instance by class-transformer and checked by class-validator, and an instance or a verdict of
 * the plan that differs from theirs throws.
 */
const CROSS_CHECK = process.env.CAU_CONTRACT_CROSS_CHECK === '1';

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; problems: FieldProblem[] };

/**
 * Validates untrusted data against a contract class: unknown fields are refused, every problem is
 * reported with its dotted field path and the rule's parameters (so messages can say "at most 200").
 */
export function validateContract<T extends object>(cls: ClassConstructor<T>, plain: unknown): ValidationResult<T> {
  if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) {
    return { ok: false, problems: [{ field: '(body)', constraint: 'isObject' }] };
  }
  // Before class-validator: PostgreSQL refuses NUL and lone surrogates in text and jsonb, `isEmail`
  // throws on them, and deep nesting overflows the validator's recursion.
  const unsafe = unsafeValues(plain);
  if (unsafe.length > 0) return { ok: false, problems: unsafe };
  // class-transformer and class-validator walk each class's metadata on every payload, and class-validator builds
  // an error object for every property it checks, valid or not: the class's plan (contract-check.ts) builds the
  // same instance and gives the same verdict a few times cheaper. A refusal is explained by class-validator.
  const built = contractInstance(cls, plain) as T | undefined;
  const instance = built && !CROSS_CHECK ? built : transformed(cls, plain, built);
  const passes = passesContract(instance);
  if (passes === true && !CROSS_CHECK) return { ok: true, value: instance };
  const errors = validateSync(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: true, value: false },
  });
  if (CROSS_CHECK && passes !== undefined && passes !== (errors.length === 0)) {
    throw new Error(
      `contract check of ${cls.name} disagrees with class-validator (${passes ? 'passed' : 'refused'}): ${JSON.stringify(plain)}`,
    );
  }
  if (errors.length === 0) return { ok: true, value: instance };
  return { ok: false, problems: flattenErrors(errors, '') };
}

/** class-transformer's instance; under the cross-check, compared with the plan's (`built`). */
function transformed<T extends object>(cls: ClassConstructor<T>, plain: object, built: object | undefined): T {
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false });
  if (built) {
    const difference = firstDifference(built, instance, '');
    if (difference !== null) {
      throw new Error(`contract instance of ${cls.name} differs from class-transformer's at ${difference || '(body)'}`);
    }
  }
  return instance;
}

/**
 * Where two values differ (own keys, their values, the classes of objects), or null. Plain objects and arrays
 * match whichever realm made them: a test's sandbox has its own Object and Array.
 */
function firstDifference(a: unknown, b: unknown, path: string): string | null {
  if (typeof a !== 'object' || a === null || typeof b !== 'object' || b === null) {
    return Object.is(a, b) ? null : path;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return path;
  const plain = isJsonObject(a) && isJsonObject(b);
  if (!Array.isArray(a) && !plain && Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return path;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (Object.hasOwn(a, key) !== Object.hasOwn(b, key)) return `${path}.${key}`;
    const difference = firstDifference(
      (a as Record<string, unknown>)[key],
      (b as Record<string, unknown>)[key],
      path ? `${path}.${key}` : key,
    );
    if (difference !== null) return difference;
  }
  return null;
}

/** Deeper than any contract goes; a body nested further is refused rather than walked. */
export const MAX_NESTING_DEPTH = 16;

// U+0000, or a UTF-16 surrogate without its pair (JSON.parse lets `\ud800` through).
// eslint-disable-next-line no-control-regex -- finding NUL is the point
const UNSAFE_TEXT = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Text no field may hold, keys and nesting no contract has, each named by its dotted path. */
export function unsafeValues(value: unknown, path = '', depth = 0, found: FieldProblem[] = []): FieldProblem[] {
  if (found.length >= 20) return found;
  if (typeof value === 'string') {
    if (UNSAFE_TEXT.test(value)) found.push({ field: path || '(body)', constraint: 'textCharacters' });
    return found;
  }
  if (typeof value !== 'object' || value === null) return found;
  if (depth >= MAX_NESTING_DEPTH) {
    found.push({ field: path || '(body)', constraint: 'nestingDepth', params: [MAX_NESTING_DEPTH] });
    return found;
  }
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  for (const [key, item] of entries) {
    const field = path ? `${path}.${key}` : key;
    if (UNSAFE_TEXT.test(key)) {
      found.push({ field: path || '(body)', constraint: 'textCharacters' });
      continue;
    }
    // No contract has them, and class-transformer throws on a `constructor` that is not a function.
    if (PROTOTYPE_KEYS.has(key)) {
      found.push({ field, constraint: 'unknownField' });
      continue;
    }
    unsafeValues(item, field, depth + 1, found);
  }
  return found;
}

function flattenErrors(errors: readonly ValidationError[], prefix: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const constraints = error.constraints ? Object.keys(error.constraints) : [];
    // Report the most fundamental failure only: "required" hides "must be text" and "must not be empty".
    const primary = pickPrimary(constraints);
    if (primary) {
      problems.push({
        field,
        constraint: primary === 'whitelistValidation' ? 'unknownField' : primary,
        params: constraintParams(error.target, error.property, primary),
      });
    }
    if (error.children && error.children.length > 0) problems.push(...flattenErrors(error.children, field));
  }
  return problems;
}

const PRECEDENCE = ['whitelistValidation', 'isDefined', 'isObject', 'isArray', 'isString', 'isInt', 'isNotEmpty'];
function pickPrimary(constraints: string[]): string | undefined {
  for (const name of PRECEDENCE) if (constraints.includes(name)) return name;
  return constraints[0];
}

function constraintParams(target: object | undefined, property: string, constraint: string): unknown[] | undefined {
  if (!target) return undefined;
  const metadata = getMetadataStorage()
    .getTargetValidationMetadatas(target.constructor, '', true, false)
    .find(
      (m: { propertyName: string; name?: string; constraintCls?: { name?: string } }) =>
        m.propertyName === property && (m.name === constraint || m.constraintCls?.name?.toLowerCase() === constraint),
    );
  const params = metadata?.constraints as unknown[] | undefined;
  if (!params) return undefined;
  // isEnum stores the enum object; present its values.
  if (constraint === 'isEnum' && params.length > 0 && typeof params[0] === 'object' && params[0] !== null) {
    return [params[0], Object.values(params[0])];
  }
  return params;
}
