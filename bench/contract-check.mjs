// Contract-check benchmark: CPU per payload of `validateContract`, which every RPC request (the services) and HTTP
// body (the gateway) and every event the outbox writes goes through, against what it did before the class plans:
// class-transformer's instance checked by class-validator alone. One process, no services: CPU time from
// process.cpuUsage, so a busy machine does not move it much. Options: --payloads 20000
import { parseArgs } from 'node:util';
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RegisterTicketCommandV1, SolutionCommandV1, TicketOnlyCommandV1, validateContract } from '@cau/contracts';

const { values } = parseArgs({ options: { payloads: { type: 'string', default: '20000' } } });
const count = Number(values.payloads);

const actor = {
  accountId: '5f0c3f5e-8a4b-4d6c-9a55-3c1f7d2b9e10',
  role: 'agent',
  email: 'agente@cau.gob',
  name: 'Agente de UIT',
  area: 'UIT',
};
const payloads = [
  ['take (TicketOnlyCommandV1)', TicketOnlyCommandV1, { actor, number: 1234 }],
  [
    'solution (SolutionCommandV1)',
    SolutionCommandV1,
    {
      actor,
      number: 1234,
      body: { solution: 'Servicio reiniciado.', elements: 'Servidor de correo', downtimeMinutes: 30 },
    },
  ],
  [
    'registration (RegisterTicketCommandV1)',
    RegisterTicketCommandV1,
    {
      actor,
      payload: {
        channel: 'telefono',
        requester: { email: 'ana@salud.gob', name: 'Ana Pérez', phone: '+54 11 4444-5555' },
        jurisdiction: 'SALUD',
        title: 'No imprime',
        description: 'La impresora del piso 2 no imprime desde la mañana.',
        type: 'incidente',
        category: 'impresoras',
        impact: 'medio',
        urgency: 'alta',
      },
      idempotencyKey: 'clave-1',
    },
  ],
];

const withoutPlans = (cls, plain) => {
  const instance = plainToInstance(cls, plain, { enableImplicitConversion: false });
  const errors = validateSync(instance, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
  return errors.length === 0 ? { ok: true, value: instance } : { ok: false, problems: errors };
};

function measure(check, cls, plain) {
  const text = JSON.stringify(plain);
  for (let i = 0; i < 1_000; i++) check(cls, JSON.parse(text));
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const result = check(cls, JSON.parse(text));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
  }
  const used = process.cpuUsage(start);
  return ((used.user + used.system) / count).toFixed(1);
}

console.log(`contract-check benchmark — ${count} payloads each, CPU µs per payload (parse + check)`);
console.log('  payload                                   class-transformer + class-validator   validateContract');
for (const [name, cls, plain] of payloads) {
  console.log(
    `  ${name.padEnd(40)}  ${measure(withoutPlans, cls, plain).padStart(34)}  ${measure(validateContract, cls, plain).padStart(17)}`,
  );
}
