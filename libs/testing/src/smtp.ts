import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface ReceivedMail {
  envelopeFrom: string;
  envelopeTo: string[];
  parsed: ParsedMail;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  url: string;
  /** Parsed messages (unless started with `parse: false`). */
  mails: ReceivedMail[];
  /** Messages accepted, parsed or not. */
  received: number;
  /** While set, the server answers every message with this SMTP error (e.g. 451 for an outage). */
  failWith: { code: number; message: string } | null;
  close(): Promise<void>;
}

/** A real SMTP server (the `smtp-server` package) that keeps what it receives, for assertions. */
export async function startTestSmtpServer(port = 0, options: { parse?: boolean } = {}): Promise<TestSmtpServer> {
  // Benchmarks only count: parsing every message would compete for the CPU with the services measured.
  const parse = options.parse ?? true;
  const state: TestSmtpServer = {
    port: 0,
    url: '',
    mails: [],
    received: 0,
    failWith: null,
    close: async () => undefined,
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        if (state.failWith) {
          const error = new Error(state.failWith.message) as Error & { responseCode: number };
          error.responseCode = state.failWith.code;
          callback(error);
          return;
        }
        if (!parse) {
          state.received += 1;
          callback();
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        simpleParser(raw).then(
          (parsed) => {
            state.mails.push({
              envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              envelopeTo: session.envelope.rcptTo.map((r) => r.address),
              parsed,
              raw,
            });
            state.received += 1;
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  // A client that dies mid-conversation (a sender killed by the chaos bench) resets its connection: the
  // server emits that as an 'error', which without a listener ended the process running it.
  server.on('error', () => undefined);
  const address = server.server.address();
  state.port = typeof address === 'object' && address ? address.port : port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  state.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return state;
}
