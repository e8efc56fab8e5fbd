import { SERVICE_NAMES, allocatePort, spawnService, type ServiceName, type ServiceProcess } from './processes.js';
import { createTestInfrastructure, type TestInfrastructure } from './infrastructure.js';
import { startTestSmtpServer, type TestSmtpServer } from './smtp.js';

export interface TestPlatform {
  infra: TestInfrastructure;
  smtp: TestSmtpServer;
  env: Record<string, string>;
  gatewayUrl: string;
  processes: ServiceProcess[];
  admin: { email: string; password: string };
  /** Starts one more instance of a service (e.g. a second intake). */
  spawn(name: ServiceName, extraEnv?: Record<string, string>): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

/** The order services start in: the order of SERVICE_NAMES (the gateway last, once all it calls are up). */
export const PLATFORM_ORDER: readonly ServiceName[] = SERVICE_NAMES;

/**
 * Every service as its own process, built from `dist/`, on a database and NATS prefix of its own, with
 * a real SMTP server catching the mail: the platform as a user meets it, for end-to-end tests and benchmarks.
 */
export async function startTestPlatform(
  label: string,
  options: {
    instances?: Partial<Record<ServiceName, number>>;
    env?: Record<string, string>;
    /** False for benchmarks: count mails without parsing them. */
    parseMail?: boolean;
    /** A fixed port for the gateway, e.g. so that PORTAL_URL (read by notifications first) can name it. */
    gatewayPort?: number;
  } = {},
): Promise<TestPlatform> {
  const infra = await createTestInfrastructure(label);
  const smtp = await startTestSmtpServer(0, { parse: options.parseMail ?? true });
  const admin = { email: 'admin@cau.test', password: 'clave-de-prueba-admin' };
  const env: Record<string, string> = {
    ...infra.env,
    JWT_SECRET: 'e2e-secret-e2e-secret-e2e-secret-0123456789',
    CAU_ADMIN_EMAIL: admin.email,
    CAU_ADMIN_PASSWORD: admin.password,
    CAU_ADMIN_NAME: 'Admin E2E',
    SMTP_URL: smtp.url,
    MAIL_FROM: '"CAU Mesa de Servicios" <cau@cau.test>',
    PORTAL_URL: 'http://cau.test',
    ...options.env,
  };
  const processes: ServiceProcess[] = [];
  const spawn = async (name: ServiceName, extraEnv: Record<string, string> = {}): Promise<ServiceProcess> => {
    const port = name === 'gateway' && options.gatewayPort ? options.gatewayPort : allocatePort();
    const started = await spawnService(name, { ...env, ...extraEnv }, port);
    processes.push(started);
    return started;
  };
  try {
    // Services start one after another: each migrates its schema, and the 2-core machines prefer it.
    for (const name of PLATFORM_ORDER) {
      for (let i = 0; i < (options.instances?.[name] ?? 1); i++) await spawn(name);
    }
  } catch (error) {
    for (const p of processes) await p.kill();
    await smtp.close();
    await infra.cleanup();
    throw error;
  }
  const gateway = processes.find((p) => p.name === 'gateway')!;
  return {
    infra,
    smtp,
    env,
    gatewayUrl: gateway.url,
    processes,
    admin,
    spawn,
    async stop() {
      await Promise.all(processes.map((p) => p.stop()));
      await smtp.close();
      await infra.cleanup();
    },
  };
}
