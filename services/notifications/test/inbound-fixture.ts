import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LocalAttachmentStore } from '@cau/attachments';
import { RoutingRpc, forArea, type ActorV1, type AreaRpcDefinition } from '@cau/contracts';
import type { RunningService } from '@cau/messaging';
import { ServiceBench, startTestSmtpServer, waitFor, type TestSmtpServer } from '@cau/testing';
import { intakeService } from '../../intake/src/intake.service.js';
import { reportingService } from '../../reporting/src/reporting.service.js';
import { createResolutionService } from '../../resolution/src/resolution.service.js';
import { routingService } from '../../routing/src/routing.service.js';
import { notificationsService } from '../src/notifications.service.js';

export interface InboundRow {
  id: string;
  message_key: string;
  source: string;
  status: 'received' | 'processed' | 'ignored' | 'failed';
  reason: string | null;
  sender: string | null;
  subject: string | null;
  outcome: 'ticket' | 'comment' | null;
  ticket_number: string | null;
  attempts: number;
  raw_complete: boolean;
  raw_size: string;
}

export const operator: ActorV1 = {
  accountId: randomUUID(),
  role: 'operator',
  email: 'operadora@cau.test',
  name: 'Olga Operadora',
};

/**
 * Intake, routing, resolution, reporting and notifications in this process, on a database and NATS
 * prefix of their own, with a real SMTP server catching outgoing mail. Notifications can be stopped
 * and started again (a restart), and so can intake (an outage of the service tickets are sent to).
 */
export class InboundPlatform {
  readonly services = new Map<string, RunningService>();

  private constructor(
    readonly bench: ServiceBench,
    readonly outbound: TestSmtpServer,
    /** The attachment store's directory (ATTACHMENTS_DIR), of this platform only. */
    readonly attachmentsDir: string,
  ) {}

  static async start(label: string, inboundEnv: Record<string, string>): Promise<InboundPlatform> {
    const outbound = await startTestSmtpServer();
    const attachmentsDir = await mkdtemp(path.join(tmpdir(), `cau-${label}-attachments-`));
    const bench = await ServiceBench.open(label, {
      rpcTimeoutMs: 10_000,
      env: {
        LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'fatal',
        SMTP_URL: outbound.url,
        MAIL_FROM: '"CAU Mesa de Servicios" <cau@cau.test>',
        MAIL_POLL_INTERVAL_MS: '200',
        ATTACHMENTS_DIR: attachmentsDir,
        ...inboundEnv,
      },
    });
    const platform = new InboundPlatform(bench, outbound, attachmentsDir);
    for (const name of ['intake', 'routing', 'resolution', 'reporting', 'notifications'])
      await platform.startService(name);
    return platform;
  }

  async startService(name: string): Promise<RunningService> {
    const definition = {
      intake: intakeService,
      routing: routingService,
      resolution: createResolutionService({ env: this.bench.env }),
      reporting: reportingService,
      notifications: notificationsService,
    }[name];
    if (!definition) throw new Error(`unknown service ${name}`);
    const service = await this.bench.start(definition);
    this.services.set(name, service);
    return service;
  }

  async stopService(name: string): Promise<void> {
    const service = this.services.get(name);
    this.services.delete(name);
    if (service) await this.bench.stopService(service);
  }

  async stop(): Promise<void> {
    await this.bench.stop();
    await this.outbound.close();
    await rm(this.attachmentsDir, { recursive: true, force: true });
  }

  /** The bytes the attachment store holds under `key`. */
  async storedBytes(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of await new LocalAttachmentStore(this.attachmentsDir).get(key)) {
      chunks.push(chunk as Buffer);
    }
    return Buffer.concat(chunks);
  }

  /** Complete files in the attachment store (partial writes under `.incoming/` left out). */
  async storedFileCount(): Promise<number> {
    const entries = await readdir(this.attachmentsDir, { recursive: true, withFileTypes: true }).catch(() => []);
    return entries.filter((e) => e.isFile() && !e.parentPath.includes('.incoming')).length;
  }

  /** The attachment rows of a mail, in order. */
  async attachments(messageId: string): Promise<
    Array<{
      id: string;
      filename: string;
      stored: boolean;
      size_bytes: string;
      storage_key: string | null;
      sha256: string | null;
      detected_type: string | null;
      reason: string | null;
      has_content: boolean;
    }>
  > {
    const result = await this.bench.db.query(
      `SELECT id, filename, stored, size_bytes, storage_key, sha256, detected_type, reason, content IS NOT NULL AS has_content
       FROM notifications.inbound_attachments WHERE message_id = $1 ORDER BY position`,
      [messageId],
    );
    return result.rows;
  }

  async rows(where = 'true', params: unknown[] = []): Promise<InboundRow[]> {
    const result = await this.bench.db.query<InboundRow>(
      `SELECT id, message_key, source, status, reason, sender, subject, outcome, ticket_number, attempts, raw_complete, raw_size
       FROM notifications.inbound_messages WHERE ${where} ORDER BY received_at`,
      params,
    );
    return result.rows;
  }

  /** The row of the mail with this Message-ID, once it has left `received`. */
  settled(messageId: string, timeoutMs = 20_000): Promise<InboundRow> {
    return waitFor(
      async () => {
        const [row] = await this.rows(`message_key = $1 AND status <> 'received'`, [`mid:${messageId.toLowerCase()}`]);
        return row;
      },
      { timeoutMs, what: `mail ${messageId} to be processed` },
    );
  }

  async ticket(
    number: number,
  ): Promise<{ channel: string; title: string; description: string; email: string; jurisdiction: string }> {
    const result = await this.bench.db.query(
      `SELECT t.channel, t.title, t.description, r.email, t.jurisdiction
       FROM intake.tickets t JOIN intake.requesters r ON r.id = t.requester_id WHERE t.number = $1`,
      [number],
    );
    return result.rows[0];
  }

  async ticketCount(): Promise<number> {
    return Number((await this.bench.db.query('SELECT count(*) AS n FROM intake.tickets')).rows[0].n);
  }

  async status(number: number): Promise<string | undefined> {
    return (await this.bench.db.query('SELECT status FROM resolution.tickets WHERE number = $1', [number])).rows[0]
      ?.status;
  }

  async timeline(
    number: number,
  ): Promise<Array<{ type: string; summary_es: string; details: Record<string, unknown> }>> {
    const result = await this.bench.db.query(
      `SELECT tl.type, tl.summary_es, tl.details FROM reporting.ticket_timeline tl
       JOIN reporting.ticket_view v ON v.ticket_id = tl.ticket_id
       WHERE v.number = $1 ORDER BY tl.at, tl.arrival`,
      [number],
    );
    return result.rows;
  }

  /** A resolution command on the ticket, addressed to the area routing says it is in. */
  async act(number: number, action: AreaRpcDefinition<object, unknown>, body?: object): Promise<unknown> {
    const { area } = await waitFor(() => this.bench.rpc.request(RoutingRpc.Locate, { actor: operator, number }), {
      what: `ticket ${number} to be routed`,
    });
    await waitFor(async () => (await this.status(number)) !== undefined, { what: `resolution to know ${number}` });
    return this.bench.rpc.request(
      forArea(action, area),
      body ? { actor: operator, number, body } : { actor: operator, number },
    );
  }
}
