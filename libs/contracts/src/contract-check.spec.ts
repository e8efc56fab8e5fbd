import { plainToInstance, Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsDefined,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  Validate,
  ValidateIf,
  ValidateNested,
  ValidatorConstraint,
  validateSync,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { contractInstance, passesContract } from './contract-check.js';
import { RegisterTicketCommandV1 } from './index.js';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true } as const;

/** The verdicts of the plan and of class-validator on the same instance, as validateContract makes it. */
function verdicts(cls: new () => object, plain: object): { plan: boolean | undefined; classValidator: boolean } {
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false });
  return { plan: passesContract(instance), classValidator: validateSync(instance, OPTIONS).length === 0 };
}

const registration = {
  actor: {
    accountId: '5f0c3f5e-8a4b-4d6c-9a55-3c1f7d2b9e10',
    role: 'operator',
    email: 'op@cau.gob',
    name: 'Operadora',
    area: 'L1',
  },
  payload: {
    channel: 'telefono',
    requester: { email: 'ana@salud.gob', name: 'Ana Pérez', phone: '+54 11 4444-5555' },
    jurisdiction: 'SALUD',
    title: 'No imprime',
    description: 'La impresora del piso 2 no imprime',
    type: 'incidente',
    category: 'impresoras',
    impact: 'medio',
    urgency: 'alta',
    attachments: [{ url: 'https://docs.cau.gob/a.pdf', name: 'a.pdf', mediaType: 'application/pdf' }],
    equipmentIds: ['0b8f9a4e-2c1d-4e5f-8a9b-7c6d5e4f3a21'],
  },
  idempotencyKey: 'clave-1',
};

/** Every path to a value in a JSON value (objects' keys and arrays' indexes). */
function paths(value: unknown, prefix: string[] = []): string[][] {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: Array<[string, unknown]> = Array.isArray(value)
    ? value.map((item, index) => [String(index), item])
    : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, item]) => paths(item, [...prefix, key]))];
}

function withValue(plain: unknown, path: string[], replace: (old: unknown) => unknown): unknown {
  if (path.length === 0) return replace(plain);
  const copy = structuredClone(plain) as Record<string, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = path[path.length - 1]!;
  const next = replace(node[last]);
  // Payloads come from JSON: an item is taken out of its array, never left as a hole.
  if (next === REMOVED && Array.isArray(node)) node.splice(Number(last), 1);
  else if (next === REMOVED) delete node[last];
  else node[last] = next;
  return copy;
}

const REMOVED = Symbol('removed');
const MUTATIONS: Array<[string, (old: unknown) => unknown]> = [
  ['removed', () => REMOVED],
  ['null', () => null],
  ['a number', () => 42],
  ['an empty text', () => ''],
  ['blank text', () => '   '],
  ['a long text', () => 'x'.repeat(5000)],
  ['an object', () => ({ extra: 1 })],
  ['an array', () => []],
  ['an array of the value', (old) => [old]],
  ['true', () => true],
  ['an unknown key beside it', (old) => (typeof old === 'object' && old !== null ? { ...old, colour: 'red' } : old)],
  // Keys that name Object.prototype's methods: class-transformer leaves them out of what it builds.
  ['an object of methods’ names', () => ({ toString: 'x', valueOf: 1 })],
  ['a method’s name beside it', (old) => (typeof old === 'object' && old !== null ? { ...old, toString: 'x' } : old)],
];

describe('the contract plan (passesContract)', () => {
  it('passes a valid command with inherited, nested, optional and per-item rules', () => {
    expect(verdicts(RegisterTicketCommandV1, registration)).toEqual({ plan: true, classValidator: true });
  });

  it('builds class-transformer’s instance and gives class-validator’s verdict for every value of a registration changed in every way', () => {
    const disagreements: string[] = [];
    let refused = 0;
    let built = 0;
    for (const path of paths(registration)) {
      for (const [name, mutate] of MUTATIONS) {
        const plain = withValue(registration, path, mutate);
        // validateContract refuses a body that is not an object before any class is involved.
        if (typeof plain !== 'object' || plain === null || Array.isArray(plain)) continue;
        const { plan, classValidator } = verdicts(RegisterTicketCommandV1, plain);
        const instance = contractInstance(RegisterTicketCommandV1, plain);
        if (instance) {
          built++;
          // The same classes, keys (declared fields left undefined included) and values as class-transformer's.
          expect(instance).toStrictEqual(plainToInstance(RegisterTicketCommandV1, plain));
        }
        if (!classValidator) refused++;
        if (plan !== classValidator) disagreements.push(`${path.join('.') || '(body)'} ${name}: plan ${plan}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(built).toBeGreaterThan(200);
    // The mutations are not all harmless: most of them must be refused for the comparison to mean something.
    expect(refused).toBeGreaterThan(200);
  });

  class Conditional {
    @IsIn(['email', 'phone'])
    by!: string;

    @ValidateIf((o: Conditional) => o.by === 'email')
    @IsDefined()
    @IsString()
    email?: string;

    @IsOptional()
    @IsInt({ each: true })
    counts?: number[];
  }

  it('follows conditions, optional properties and rules on each item', () => {
    expect(verdicts(Conditional, { by: 'phone' }).plan).toBe(true);
    expect(verdicts(Conditional, { by: 'email' })).toEqual({ plan: false, classValidator: false });
    expect(verdicts(Conditional, { by: 'email', email: 'a@b.c', counts: [1, 2] }).plan).toBe(true);
    expect(verdicts(Conditional, { by: 'phone', counts: [1, 'dos'] })).toEqual({ plan: false, classValidator: false });
    expect(verdicts(Conditional, { by: 'phone', counts: null }).plan).toBe(true);
  });

  class Required {
    @IsDefined()
    value!: unknown;
  }

  it('requires a property whose only rule is to be present', () => {
    expect(verdicts(Required, { value: 0 }).plan).toBe(true);
    expect(verdicts(Required, {})).toEqual({ plan: false, classValidator: false });
    expect(verdicts(Required, { value: null })).toEqual({ plan: false, classValidator: false });
  });

  class Leaf {
    @IsString()
    name!: string;
  }

  class Tree {
    @IsArray()
    @ValidateNested({ each: true })
    @Type(() => Leaf)
    leaves!: Leaf[];
  }

  it('walks arrays of nested objects and refuses what is not an object among them', () => {
    expect(verdicts(Tree, { leaves: [{ name: 'a' }, { name: 'b' }] }).plan).toBe(true);
    expect(verdicts(Tree, { leaves: [{ name: 'a' }, 'b'] })).toEqual({ plan: false, classValidator: false });
    expect(verdicts(Tree, { leaves: [{ name: 'a' }, null] })).toEqual({ plan: false, classValidator: false });
    expect(verdicts(Tree, { leaves: [{ name: 'a', colour: 'red' }] })).toEqual({ plan: false, classValidator: false });
  });

  class NoRules {
    name?: string;
  }

  it('refuses an object of a class without rules, as an unknown value', () => {
    expect(verdicts(NoRules, {})).toEqual({ plan: false, classValidator: false });
  });

  @ValidatorConstraint({ name: 'later', async: true })
  class Later implements ValidatorConstraintInterface {
    validate(): Promise<boolean> {
      return Promise.resolve(true);
    }
  }

  class WithAsyncRule {
    @Validate(Later)
    code!: string;
  }

  it('leaves a class with an async rule to class-validator', () => {
    expect(passesContract(plainToInstance(WithAsyncRule, { code: 'x' }))).toBeUndefined();
  });
});

describe('the contract instance (contractInstance)', () => {
  class Trimmed {
    @IsString()
    @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value))
    name!: string;
  }

  class Counted {
    @IsInt()
    @Type(() => Number)
    count!: number;
  }

  class Leaf {
    @IsString()
    name!: string;
  }

  class Branch {
    @ValidateNested({ each: true })
    @Type(() => Leaf)
    leaves!: Leaf[];

    @IsOptional()
    @IsObject()
    labels?: Record<string, string>;
  }

  it('leaves classes with transformations to class-transformer', () => {
    expect(contractInstance(Trimmed, { name: ' a ' })).toBeUndefined();
    expect(contractInstance(Counted, { count: '3' })).toBeUndefined();
  });

  it('leaves payloads with keys the class has no rule for to class-transformer', () => {
    expect(contractInstance(Branch, { leaves: [], colour: 'red' })).toBeUndefined();
    expect(contractInstance(Branch, { leaves: [{ name: 'a', colour: 'red' }] })).toBeUndefined();
  });

  it('leaves objects JSON does not make (a date, another class’s instance) to class-transformer', () => {
    expect(contractInstance(Branch, { leaves: [], labels: new Date() })).toBeUndefined();
    expect(contractInstance(Branch, { leaves: [new Leaf()] })).toBeUndefined();
    expect(contractInstance(Branch, Object.assign(new Leaf(), { leaves: [] }))).toBeUndefined();
  });

  it('follows a type added to a class after its plan was made', () => {
    class Later {
      @IsOptional()
      @ValidateNested()
      leaf?: Leaf;
    }
    expect((contractInstance(Later, { leaf: { name: 'a' } }) as Later).leaf).not.toBeInstanceOf(Leaf);
    Type(() => Leaf)(Later.prototype, 'leaf');
    expect((contractInstance(Later, { leaf: { name: 'a' } }) as Later).leaf).toBeInstanceOf(Leaf);
  });

  it('makes nested objects instances of their class and copies the others', () => {
    const labels = { piso: '2' };
    const plain = { leaves: [{ name: 'a' }, null, 'b'], labels };
    const instance = contractInstance(Branch, plain) as Branch;
    expect(instance).toStrictEqual(plainToInstance(Branch, plain));
    expect(instance.leaves[0]).toBeInstanceOf(Leaf);
    expect(instance.labels).not.toBe(labels);
  });
});
