import { startService, type RunningService } from '@cau/messaging';
import { createTestInfrastructure, type TestInfrastructure } from '@cau/testing';
import pg from 'pg';
import { createGatewayService } from '../src/gateway.service.js';
import { intakeService } from '../../intake/src/intake.service.js';

export const ADMIN = { email: 'admin@cau.test', password: 'clave-admin-123', name: 'Admin Pruebas' };
export const JWT_SECRET = 'gateway-tests-secret-0123456789-abcdefghij';

export interface GatewayFixture {
  infra: TestInfrastructure;
  env: NodeJS.ProcessEnv;
  gateway: RunningService;
  intake: RunningService | null;
  db: pg.Client;
  http: Http;
  adminToken: string;
  stop(): Promise<void>;
}

/** A gateway (and optionally intake) in-process, on a database and NATS prefix of their own. */
export async function startGateway(
  label: string,
  options: { intake?: boolean; env?: Record<string, string> } = {},
): Promise<GatewayFixture> {
  const infra = await createTestInfrastructure(label);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...infra.env,
    GATEWAY_PORT: '0',
    INTAKE_PORT: '0',
    JWT_SECRET,
    CAU_ADMIN_EMAIL: ADMIN.email,
    CAU_ADMIN_PASSWORD: ADMIN.password,
    CAU_ADMIN_NAME: ADMIN.name,
    // Tests log the same accounts in many times a minute; the limit itself is tested with its own value.
    AUTH_RATE_LIMIT: '1000',
    ...options.env,
  };
  const intake = options.intake ? await startService(intakeService, env) : null;
  const gateway = await startService(createGatewayService(env), env);
  const db = new pg.Client({ connectionString: infra.database.url });
  await db.connect();
  const http = new Http(gateway.url);
  const adminToken = await http.token(ADMIN.email, ADMIN.password);
  let stopped = false;
  return {
    infra,
    env,
    gateway,
    intake,
    db,
    http,
    adminToken,
    async stop() {
      if (stopped) return;
      stopped = true;
      await db.end();
      await gateway.stop();
      await intake?.stop();
      await infra.cleanup();
    },
  };
}

export interface Answer<T = ErrorBody> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ErrorBody {
  statusCode: number;
  code: string;
  message: string;
  fields?: Array<{ field: string; message: string }>;
  correlationId: string;
}

/** Real HTTP with fetch: JSON in and out, a bearer token and extra headers when given. */
export class Http {
  constructor(readonly baseUrl: string) {}

  async send<T = ErrorBody>(
    method: string,
    path: string,
    options: { token?: string; json?: unknown; raw?: string; headers?: Record<string, string> } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] = 'application/json';
    }
    Object.assign(headers, options.headers);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body } : {}),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : null) as T, headers: response.headers };
  }

  async token(email: string, password: string): Promise<string> {
    const answer = await this.send<{ accessToken: string }>('POST', '/api/v1/auth/token', {
      json: { email, password },
    });
    if (answer.status !== 200) throw new Error(`login of ${email}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body.accessToken;
  }

  /** Creates an account as the administrator and logs it in. */
  async account(
    adminToken: string,
    account: { email: string; role: string; jurisdiction?: string; area?: string },
  ): Promise<string> {
    const password = 'clave-de-prueba-1';
    const answer = await this.send('POST', '/api/v1/accounts', {
      token: adminToken,
      json: { name: `Cuenta ${account.role}`, password, ...account },
    });
    if (answer.status !== 201)
      throw new Error(`account ${account.email}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return this.token(account.email, password);
  }
}

export const registration = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
  channel: 'telefono',
  requester: { email: 'persona@salud.gob', name: 'Persona Uno' },
  jurisdiction: 'SALUD',
  title: 'La impresora no imprime',
  description: 'Desde esta mañana la impresora del segundo piso no imprime.',
  type: 'incidente',
  category: 'impresoras',
  impact: 'medio',
  urgency: 'alta',
  ...overrides,
});
