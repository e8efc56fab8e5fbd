/* eslint-disable no-console -- a command-line tool talks to its user on the terminal */
import { connect } from '@nats-io/transport-node';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { messagingConfigFromEnv } from '../config.js';
import { DeadLetters } from '../events/dead-letters.js';
import { ensureStreams } from '../events/streams.js';

const USAGE = `Usage: npm run dlq -- <command>
  list [--consumer NAME] [--limit N]   show dead letters (oldest first)
  replay SEQ [SEQ…]                    send dead letters back to the consumer that failed them
  replay --all [--consumer NAME]       replay every dead letter (of one consumer)
  discard SEQ [SEQ…]                   delete dead letters for good
Reads NATS_URL, NATS_SUBJECT_PREFIX, NATS_EVENTS_STREAM and NATS_DLQ_STREAM like the services.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const option = (name: string): string | undefined => {
    const index = rest.indexOf(name);
    return index >= 0 ? rest[index + 1] : undefined;
  };
  const config = messagingConfigFromEnv();
  const nc = await connect({ servers: config.natsUrl, name: 'cau-dlq' });
  try {
    const jsm = await jetstreamManager(nc);
    await ensureStreams(jsm, config);
    const letters = new DeadLetters(jsm, jetstream(nc), config);
    const consumer = option('--consumer');
    switch (command) {
      case 'list': {
        const limit = option('--limit');
        const found = await letters.list({
          ...(consumer ? { consumer } : {}),
          ...(limit ? { limit: Number(limit) } : {}),
        });
        if (found.length === 0) console.log('No dead letters.');
        for (const l of found) {
          console.log(
            `#${l.seq}  consumer=${l.consumer}  type=${l.eventType ?? '?'}  ticket=${l.ticketId ?? '-'}  ` +
              `deliveries=${l.deliveries}  failedAt=${l.failedAt}\n      event=${l.eventId ?? '?'}  subject=${l.originalSubject}\n      error: ${l.error}`,
          );
        }
        return 0;
      }
      case 'replay': {
        const sequences = rest.includes('--all')
          ? (await letters.list(consumer ? { consumer } : {})).map((l) => l.seq)
          : parseSequences(rest);
        for (const seq of sequences) {
          const letter = await letters.replay(seq);
          console.log(`replayed #${seq} (${letter.eventType ?? '?'} ${letter.eventId ?? ''}) to ${letter.consumer}`);
        }
        if (sequences.length === 0) console.log('Nothing to replay.');
        return 0;
      }
      case 'discard': {
        for (const seq of parseSequences(rest)) {
          console.log((await letters.discard(seq)) ? `discarded #${seq}` : `#${seq} not found`);
        }
        return 0;
      }
      default:
        console.error(`Unknown command "${command}".\n${USAGE}`);
        return 2;
    }
  } finally {
    await nc.close();
  }
}

function parseSequences(args: string[]): number[] {
  const sequences = args.filter((a) => !a.startsWith('--')).map(Number);
  if (sequences.length === 0 || sequences.some((n) => !Number.isInteger(n) || n <= 0)) {
    throw new Error('give one or more dead-letter sequence numbers (see "list")');
  }
  return sequences;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`dlq: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
