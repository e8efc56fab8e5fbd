/* eslint-disable no-console -- a command-line tool talks to its user on the terminal */
import { connect } from '@nats-io/transport-node';
import { ReportingRpc, Role, type ActorV1, type ReadModelRebuildV1 } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv } from '@cau/messaging';

const USAGE = `Usage: npm run reporting -- <command>
  rebuild        rebuild reporting's read models from the event stream, printing progress;
                 queries keep answering from the current ones until the new ones are swapped in
Reads NATS_URL and NATS_SUBJECT_PREFIX like the services; a reporting instance must be running.`;

/** Whoever can reach the bus can ask reporting anything: the console acts as an administrator. */
const CONSOLE: ActorV1 = {
  accountId: '00000000-0000-4000-8000-000000000000',
  role: Role.Admin,
  email: 'consola@cau.local',
  name: 'Consola de operación',
};

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  if (command !== 'rebuild') {
    console.log(USAGE);
    return command === '--help' || command === '-h' ? 0 : 2;
  }
  const config = messagingConfigFromEnv();
  const nc = await connect({ servers: config.natsUrl, name: 'cau-reporting-cli' });
  try {
    const rpc = new RpcClient(nc, new Subjects(config), 30_000);
    let rebuild = await rpc.request(ReportingRpc.StartRebuild, { actor: CONSOLE });
    console.log(`rebuild ${rebuild.id} started ${rebuild.startedAt}`);
    let printed = '';
    while (rebuild.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      rebuild = await rpc.request(ReportingRpc.RebuildStatus, { actor: CONSOLE, id: rebuild.id });
      const line = progressLine(rebuild);
      if (line !== printed) console.log((printed = line));
    }
    if (rebuild.state === 'failed') {
      console.error(`rebuild failed (the live read models are unchanged): ${rebuild.error ?? 'unknown error'}`);
      return 1;
    }
    console.log(`rebuild done at ${rebuild.finishedAt}: ${rebuild.eventsApplied} events applied, swapped in`);
    return 0;
  } finally {
    await nc.close();
  }
}

function progressLine(r: ReadModelRebuildV1): string {
  const share = r.targetSeq === 0 ? 0 : Math.min(100, Math.floor((r.replayedSeq / r.targetSeq) * 100));
  return `${share}%  stream ${r.replayedSeq}/${r.targetSeq}  events applied ${r.eventsApplied}`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`reporting: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
