// Knowledge base benchmark: generates Spanish IT-support articles (systems × symptoms × causes ×
// places, with accents, plurals and error codes; fixed seed) straight into knowledge's `articles`
// table, rebuilds the search index with the service's own `reindex` command, then drives the NATS
// search query with N concurrent clients for a fixed time (queries with and without accents, plurals,
// a typo, a phrase, filters). Prints index time, latency percentiles, throughput, the service's
// memory and the database size, for each corpus size in turn (the corpus grows from one to the next).
// Also searches while a reindex runs, to show the index keeps answering.
// Options: --sizes 10000,100000 --clients 16 --seconds 20 --keep (leave the database)
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { connect } from '@nats-io/transport-node';
import { KnowledgeRpc } from '@cau/contracts';
import { RpcClient, Subjects, messagingConfigFromEnv } from '@cau/messaging';
import { allocatePort, createTestInfrastructure, spawnService } from '@cau/testing';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '20' },
    keep: { type: 'boolean', default: false },
  },
});
const sizes = values.sizes.split(',').map(Number);
const clients = Number(values.clients);
const seconds = Number(values.seconds);

// The service runs from its build: make sure it is current.
spawnSync('npx', ['tsc', '-b', 'libs/testing', 'services/knowledge'], { stdio: 'inherit' });

const infra = await createTestInfrastructure('benchkb');
const env = { ...infra.env, LOG_LEVEL: 'warn' };
const service = await spawnService('knowledge', env, allocatePort());
const db = new pg.Client({ connectionString: infra.database.url });
await db.connect();
const nc = await connect({ servers: infra.env.NATS_URL });
const rpc = new RpcClient(nc, new Subjects(messagingConfigFromEnv(infra.env)), 10_000);
const operator = {
  accountId: '00000000-0000-4000-8000-000000000001',
  role: 'operator',
  email: 'op@cau.gob',
  name: 'Op',
};
const admin = { accountId: '00000000-0000-4000-8000-000000000002', role: 'admin', email: 'adm@cau.gob', name: 'Adm' };

// ---------------------------------------------------------------------------------------------------
// The corpus. A small deterministic PRNG (mulberry32) so every run measures the same articles.
let seed = 0x2a;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const uuid = (n) => {
  const hex = n.toString(16).padStart(12, '0');
  return `6b620000-0000-4000-8000-${hex}`;
};

// [system, category, tag, area, service]
const SYSTEMS = [
  ['la impresora', 'impresoras', 'impresora', 'L1', 'Impresión'],
  ['la impresora multifunción', 'impresoras', 'multifuncion', 'L1', 'Impresión'],
  ['el escáner', 'impresoras', 'escaner', 'L1', 'Impresión'],
  ['el cliente VPN', 'redes', 'vpn', 'UIT', 'Acceso remoto'],
  ['la conexión Wi-Fi', 'redes', 'wifi', 'UIT', 'Red'],
  ['el acceso a Internet', 'redes', 'internet', 'UIT', 'Red'],
  ['el teléfono IP', 'telefonia', 'telefono', 'UIT', 'Telefonía'],
  ['el correo electrónico', 'correo', 'correo', 'L1', 'Correo'],
  ['Outlook', 'correo', 'outlook', 'L1', 'Correo'],
  ['el calendario compartido', 'correo', 'calendario', 'L1', 'Correo'],
  ['Microsoft Teams', 'colaboracion', 'teams', 'L1', 'Colaboración'],
  ['la videoconferencia', 'colaboracion', 'videoconferencia', 'L1', 'Colaboración'],
  ['el sistema de expedientes GDE', 'aplicaciones', 'gde', 'L2', 'Expedientes'],
  ['el sistema de liquidación de sueldos', 'aplicaciones', 'sueldos', 'L2', 'RRHH'],
  ['el sistema de compras', 'aplicaciones', 'compras', 'L2', 'Compras'],
  ['el portal de trámites', 'aplicaciones', 'tramites', 'L2', 'Portal'],
  ['la firma digital', 'seguridad', 'firma', 'L2', 'Firma digital'],
  ['el token de firma', 'seguridad', 'token', 'L2', 'Firma digital'],
  ['la cuenta de usuario', 'cuentas', 'cuenta', 'L1', 'Identidad'],
  ['la contraseña de dominio', 'cuentas', 'contrasena', 'L1', 'Identidad'],
  ['el antivirus', 'seguridad', 'antivirus', 'UIT', 'Seguridad'],
  ['el monitor', 'hardware', 'monitor', 'L1', 'Puesto de trabajo'],
  ['la notebook', 'hardware', 'notebook', 'L1', 'Puesto de trabajo'],
  ['el teclado', 'hardware', 'teclado', 'L1', 'Puesto de trabajo'],
  ['la computadora', 'hardware', 'computadora', 'L1', 'Puesto de trabajo'],
  ['Windows', 'sistema operativo', 'windows', 'L1', 'Puesto de trabajo'],
  ['Microsoft Office', 'ofimatica', 'office', 'L1', 'Ofimática'],
  ['Excel', 'ofimatica', 'excel', 'L1', 'Ofimática'],
  ['la carpeta compartida', 'archivos', 'carpeta', 'UIT', 'Servidores de archivos'],
  ['la unidad de red', 'archivos', 'unidad', 'UIT', 'Servidores de archivos'],
  ['el navegador', 'aplicaciones', 'navegador', 'L1', 'Puesto de trabajo'],
  ['el certificado SSL', 'seguridad', 'certificado', 'UIT', 'Seguridad'],
];
const SYMPTOMS = [
  'no imprime',
  'no conecta',
  'muestra un error de certificado',
  'se cuelga al iniciar',
  'funciona muy lento',
  'no sincroniza',
  'rechaza la contraseña',
  'pide credenciales una y otra vez',
  'se desconecta cada pocos minutos',
  'no aparece en la lista',
  'muestra una pantalla azul',
  'no abre los archivos adjuntos',
  'queda con trabajos en cola',
  'no reconoce el dispositivo',
  'devuelve un mensaje de acceso denegado',
  'no envía los mensajes',
  'no recibe correos externos',
  'tarda varios minutos en responder',
  'se cierra sin aviso',
  'muestra la fecha y la hora incorrectas',
  'no permite guardar los cambios',
  'indica que la licencia está vencida',
  'no tiene audio',
  'no muestra imagen',
];
const PLACES = [
  'desde la casa del agente',
  'en el segundo piso',
  'en la mesa de entradas',
  'en la delegación del interior',
  'después de la actualización de Windows',
  'al volver de las vacaciones',
  'solo por la mañana',
  'en todas las oficinas del edificio',
  'con la red de invitados',
  'en las notebooks nuevas',
  'al conectarse por primera vez',
  'en el área de tesorería',
  'en los puestos de atención al público',
];
const CAUSES = [
  'El certificado del servidor está vencido.',
  'La contraseña caducó y la cuenta quedó bloqueada tras varios intentos.',
  'El controlador instalado no es compatible con la versión del sistema operativo.',
  'La cola de impresión quedó detenida en el servidor.',
  'El perfil de usuario está dañado.',
  'La dirección IP está duplicada en la red.',
  'El buzón superó la cuota de almacenamiento.',
  'El firewall bloquea el puerto que usa la aplicación.',
  'La caché del navegador guarda una versión anterior del sitio.',
  'El cable de red está dañado o mal conectado.',
  'La licencia del producto no se renovó.',
  'El servicio de sincronización se detuvo.',
  'La hora del equipo no coincide con la del dominio.',
  'Falta el permiso de escritura sobre la carpeta.',
];
const STEPS = [
  'Reiniciar el equipo y volver a probar.',
  'Verificar que el cable de red esté bien conectado.',
  'Borrar la caché y las cookies del navegador.',
  'Reinstalar el controlador desde el portal de software.',
  'Desbloquear la cuenta desde la consola de administración y pedir un cambio de contraseña.',
  'Reiniciar el servicio de cola de impresión en el servidor.',
  'Descargar e instalar el certificado nuevo.',
  'Liberar espacio en el buzón archivando los mensajes antiguos.',
  'Abrir el puerto en el firewall con un pedido a Seguridad Informática.',
  'Sincronizar la hora del equipo con el servidor del dominio.',
  'Crear un perfil de usuario nuevo y copiar los datos.',
  'Renovar la licencia con el área de Compras.',
  'Asignar el permiso de escritura a la cuenta desde la carpeta compartida.',
  'Escalar el caso a Nivel 2 con capturas de pantalla del error.',
  'Actualizar el sistema operativo con los últimos parches.',
];
const EXTRA_TAGS = ['teletrabajo', 'urgente', 'edificio-central', 'interior', 'licencias', 'actualizacion', 'acceso'];
const MODELS = ['HP LaserJet', 'Lexmark', 'Brother', 'Ricoh', 'Dell', 'Lenovo', 'Cisco', 'Fortinet', 'Samsung'];

function article(n) {
  const [system, category, tag, area, svc] = pick(SYSTEMS);
  const symptom = pick(SYMPTOMS);
  const place = pick(PLACES);
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const code = `0x${(0x80070000 + Math.floor(random() * 4096)).toString(16)}`;
  const model = `${pick(MODELS)} ${100 + Math.floor(random() * 900)}`;
  const titleForm = random();
  const title =
    titleForm < 0.5
      ? `${cap(system)} ${symptom}`
      : titleForm < 0.8
        ? `${cap(system)} ${symptom} ${place}`
        : `Error ${code}: ${system} ${symptom}`;
  const problem =
    `Los usuarios informan que ${system} ${symptom} ${place}. ` +
    `El equipo ${model} registra el error ${code}` +
    (random() < 0.4 ? ` y el problema afecta a ${2 + Math.floor(random() * 40)} puestos.` : '.');
  const steps = Array.from({ length: 2 + Math.floor(random() * 3) }, () => pick(STEPS));
  const tags = [...new Set([tag, ...(random() < 0.5 ? [pick(EXTRA_TAGS)] : [])])];
  const status = random() < 0.9 ? 'published' : random() < 0.5 ? 'draft' : 'archived';
  const updated = new Date(Date.UTC(2023, 0, 1) + Math.floor(random() * 3 * 365 * 86_400_000)).toISOString();
  return {
    id: uuid(n),
    revision: 1 + Math.floor(random() * 4),
    title,
    problem,
    cause: pick(CAUSES),
    solution_steps: steps,
    category,
    area,
    service: svc,
    tags,
    visibility: random() < 0.7 ? 'public' : 'internal',
    status,
    updated_at: updated,
  };
}

async function loadArticles(from, to) {
  const batch = 5_000;
  for (let start = from; start < to; start += batch) {
    const rows = [];
    for (let n = start; n < Math.min(to, start + batch); n++) rows.push(article(n));
    await db.query(
      `INSERT INTO knowledge.articles (id, revision, title, problem, cause, solution_steps, category, area, service,
         tags, visibility, status, author, views, created_at, updated_at, published_at)
       SELECT r.id, r.revision, r.title, r.problem, r.cause, r.solution_steps, r.category, r.area, r.service,
              ARRAY(SELECT jsonb_array_elements_text(r.tags)), r.visibility, r.status,
              '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Operadora","role":"operator"}',
              0, r.updated_at, r.updated_at, CASE WHEN r.status = 'draft' THEN NULL ELSE r.updated_at END
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, revision int, title text, problem text, cause text,
              solution_steps jsonb, category text, area text, service text, tags jsonb, visibility text,
              status text, updated_at timestamptz)`,
      [JSON.stringify(rows)],
    );
  }
}

// What operators and requesters type: accents omitted, plurals, a typo, a phrase, a prefix, filters.
const QUERIES = [
  { q: 'impresora no imprime' },
  { q: 'conexion vpn' },
  { q: 'impresoras cola' },
  { q: 'contrasena bloqueada' },
  { q: 'imprezora' },
  { q: 'certificado vencido' },
  { q: '"segundo piso"' },
  { q: 'outlook no sincroniza' },
  { q: 'correo adjuntos' },
  { q: 'pantalla azul windows' },
  { q: 'firma digital token' },
  { q: 'wifi se desconecta' },
  { q: 'teams audio' },
  { q: 'licencia vencida office' },
  { q: 'acceso denegado carpeta compartida' },
  { q: 'error 0x80070005' },
  { q: 'expedientes gde lento' },
  { q: 'telefono ip' },
  { q: 'actualizacion de windows' },
  { q: 'escaner no reconoce' },
  { q: 'notebooks nuevas' },
  { q: 'sincronizacion calendario' },
  { q: 'cuenta bloqueada', area: 'L1' },
  { q: 'vpn', tag: 'teletrabajo' },
  { q: 'impresion', category: 'impresoras' },
];

async function drive(durationMs, record, concurrency = clients) {
  const latencies = [];
  let errors = 0;
  let counter = 0;
  let found = 0;
  const stopAt = performance.now() + durationMs;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < stopAt) {
        const params = QUERIES[counter++ % QUERIES.length];
        const started = performance.now();
        try {
          const page = await rpc.request(KnowledgeRpc.Search, { actor: operator, params });
          if (record) latencies.push(performance.now() - started);
          if (page.items.length > 0) found++;
        } catch {
          errors++;
        }
      }
    }),
  );
  return { latencies, errors, found };
}

const percentiles = (latencies) => {
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]?.toFixed(1);
  return `p50 ${at(50)}   p95 ${at(95)}   p99 ${at(99)}   max ${sorted.at(-1)?.toFixed(1)}`;
};
const memory = () => {
  const status = readFileSync(`/proc/${service.child.pid}/status`, 'utf8');
  const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return `RSS ${(kb('VmRSS') / 1024).toFixed(0)} MB (peak ${(kb('VmHWM') / 1024).toFixed(0)} MB)`;
};
const mb = (bytes) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;

const summary = [];
let loaded = 0;
for (const size of sizes) {
  console.log(`\nGenerating ${(size - loaded).toLocaleString('en')} articles (${size.toLocaleString('en')} in all)…`);
  let started = performance.now();
  await loadArticles(loaded, size);
  loaded = size;
  const loadMs = performance.now() - started;
  console.log(`  loaded into knowledge.articles in ${(loadMs / 1000).toFixed(1)} s`);

  console.log('  reindex (the service rebuilds its index from PostgreSQL)…');
  started = performance.now();
  const result = await rpc.request(KnowledgeRpc.Reindex, { actor: admin }, { timeoutMs: 1_800_000 });
  const indexMs = performance.now() - started;
  await db.query('ANALYZE knowledge.search_documents, knowledge.search_words');
  console.log(
    `  ${result.articles.toLocaleString('en')} articles indexed by ${result.engine} in ${(indexMs / 1000).toFixed(1)} s`,
  );

  console.log(`  warming up (3 s), then ${clients} clients for ${seconds} s…`);
  await drive(3_000, false);
  const loadStart = performance.now();
  const { latencies, errors, found } = await drive(seconds * 1_000, true);
  const elapsed = (performance.now() - loadStart) / 1000;
  // One client alone: the time a search takes without waiting behind others.
  const single = await drive(5_000, true, 1);

  const sizes = (
    await db.query(
      `SELECT pg_database_size(current_database()) AS database,
              pg_total_relation_size('knowledge.articles') AS articles,
              pg_total_relation_size('knowledge.search_documents') AS documents,
              pg_total_relation_size('knowledge.search_words') AS words,
              (SELECT count(*) FROM knowledge.search_words) AS vocabulary`,
    )
  ).rows[0];
  const lines = [
    `knowledge search — ${size.toLocaleString('en')} articles, ${clients} concurrent clients, ${seconds} s, engine ${result.engine}`,
    `  index (reindex): ${(indexMs / 1000).toFixed(1)} s (${Math.round(size / (indexMs / 1000)).toLocaleString('en')} articles/s)`,
    `  searches:        ${latencies.length} (${(latencies.length / elapsed).toFixed(0)} searches/s), ${errors} errors, ${((found / Math.max(1, latencies.length)) * 100).toFixed(0)} % with results`,
    `  latency (ms):    ${percentiles(latencies)}`,
    `  1 client (ms):   ${percentiles(single.latencies)} (${(single.latencies.length / 5).toFixed(0)} searches/s)`,
    `  service memory:  ${memory()}`,
    `  database:        ${mb(sizes.database)} (articles ${mb(sizes.articles)}, search documents ${mb(sizes.documents)}, vocabulary ${mb(sizes.words)}, ${sizes.vocabulary} words)`,
  ];
  console.log(`\n${lines.join('\n')}`);
  summary.push(lines.join('\n'));
}

// Search while the index is rebuilt: it must keep answering (old contents until the rebuild commits).
console.log(`\nSearching while a reindex of ${loaded.toLocaleString('en')} articles runs…`);
let reindexDone = false;
const reindexStart = performance.now();
const reindex = rpc
  .request(KnowledgeRpc.Reindex, { actor: admin }, { timeoutMs: 1_800_000 })
  .finally(() => (reindexDone = true));
const during = [];
let duringErrors = 0;
let duringEmpty = 0;
await Promise.all(
  Array.from({ length: 4 }, async (_, c) => {
    let i = c;
    while (!reindexDone) {
      const started = performance.now();
      try {
        const page = await rpc.request(KnowledgeRpc.Search, { actor: operator, params: QUERIES[i++ % 10] });
        during.push(performance.now() - started);
        if (page.items.length === 0) duringEmpty++;
      } catch {
        duringErrors++;
      }
    }
  }),
);
await reindex;
const duringLine = `search during reindex (${((performance.now() - reindexStart) / 1000).toFixed(1)} s, 4 clients): ${during.length} answered, ${duringErrors} errors, ${duringEmpty} empty; ${percentiles(during)} ms`;
summary.push(duringLine);

console.log(`\n===== summary =====\n${summary.join('\n\n')}\n`);
await nc.close();
await db.end();
await service.stop();
if (values.keep) console.log(`database kept: ${infra.database.url}`);
else await infra.cleanup();
process.exit(0);
