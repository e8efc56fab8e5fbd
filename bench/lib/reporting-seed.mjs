// Reporting's benchmark data: tickets written straight into reporting's tables with SQL (ticket view, fact
// table and the daily pre-aggregates), for the reporting benchmark and the portal's dashboard benchmark.
// Three years of tickets, 2023–2025. Hours lean to the working day; types, channels, areas and
// categories follow a desk's usual mix; most tickets are closed, the newest are still open.
// A fixed seed, so every run measures the same data.

/**
 * Writes `total` tickets numbered from `firstNumber` (numbers a running intake has not given), their facts
 * and the daily pre-aggregates in `zone` (with reporting's own `dailySummariesRebuild` SQL); `timed` reports each step.
 */
export async function seedReporting(
  db,
  total,
  { zone, dailyRebuild, firstNumber = 1, timed = (_label, work) => work() },
) {
  await db.query('SELECT setseed(0.42)');
  await timed(`generated ${total.toLocaleString('en')} tickets (ticket_view)`, () =>
    db.query(
      `INSERT INTO reporting.ticket_view
         (ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area, status,
          overdue, jurisdiction, requester_email, requester_name, requester, registered_by, attachments,
          registered_at, routed_at, updated_at, area_changed_at, first_response_at, resolved_at, closed_at,
          satisfaction, satisfaction_at)
       SELECT gen_random_uuid(), i + $2::int - 1, t.title, 'Descripción del problema ' || i, t.channel, t.type, t.category,
              'medio', 'media', t.priority, t.area, t.status, t.overdue, t.jurisdiction, t.email, 'Persona ' || t.person,
              jsonb_build_object('email', t.email, 'name', 'Persona ' || t.person),
              '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Operadora","role":"operator"}',
              '[]', t.registered, t.registered + interval '1 minute', t.registered, t.registered + interval '1 minute',
              t.responded, t.closed, t.closed, t.satisfaction, t.closed + interval '3 hours'
       FROM generate_series(1, $1::int) i,
       LATERAL (
         SELECT r.*,
                CASE WHEN r.open THEN 'en_curso' ELSE 'cerrado' END AS status,
                r.registered + make_interval(mins => (r.response_min)::int) AS responded,
                CASE WHEN r.open THEN NULL ELSE r.registered + make_interval(mins => (r.resolution_min)::int) END AS closed,
                CASE WHEN r.open OR r.survey > 0.6 THEN NULL
                     WHEN r.survey < 0.48 THEN 'satisfecho' WHEN r.survey < 0.56 THEN 'regular' ELSE 'insatisfecho' END
                  AS satisfaction
         FROM (
           SELECT timestamptz '2023-01-02 11:00+00' + make_interval(days => (i::bigint * 1095 / $1)::int)
                    + make_interval(mins => (random() * 480 + i * 0)::int) AS registered,
                  i > $1 * 0.985 AS open,
                  -ln(1 - random()) * 90 AS response_min,
                  -ln(1 - random()) * 2880 + 60 AS resolution_min,
                  random() AS survey,
                  random() < 0.08 AS overdue,
                  (ARRAY['incidente','incidente','incidente','incidente','incidente','solicitud','solicitud',
                         'solicitud','reclamo','incidente_seguridad'])[1 + floor(random() * 10)::int] AS type,
                  (ARRAY['telefono','telefono','telefono','telefono','email','email','portal','portal','whatsapp',
                         'presencial'])[1 + floor(random() * 10)::int] AS channel,
                  (ARRAY['L1','L1','L1','L1','L1','L1','UIT','UIT','UPAT','ACGII'])[1 + floor(random() * 10)::int] AS area,
                  (ARRAY['ALTA','MEDIA','MEDIA','BAJA'])[1 + floor(random() * 4)::int] AS priority,
                  'cat' || lpad(floor(power(random(), 2) * 25)::int::text, 2, '0') AS category,
                  'JUR' || floor(power(random(), 2) * 60)::int AS jurisdiction,
                  floor(power(random(), 3) * 50000)::int AS person,
                  'persona' || floor(power(random(), 3) * 50000)::int || '@gob.test' AS email,
                  (ARRAY['No funciona la impresora','Sin acceso al correo','El sistema de expedientes no responde',
                         'Solicitud de nueva cuenta','Pantalla azul al iniciar','La red está lenta',
                         'Restablecer contraseña','Instalar programa de firma digital'])[1 + floor(random() * 8)::int]
                    AS title
         ) r
       ) t`,
      [total, firstNumber],
    ),
  );
  await timed('filled ticket_facts', () =>
    db.query(
      `INSERT INTO reporting.ticket_facts
         (ticket_id, number, registered_at, type, channel, category, jurisdiction, requester_email, priority, area,
          status, first_response_at, first_response_business_minutes, first_response_calendar_minutes,
          first_derived_at, derivations, solved_at, closed_at, resolution_business_minutes,
          resolution_calendar_minutes, satisfaction, satisfaction_at, response_breached_at, breached_at,
          solver_account_id, solver_name, solver_area)
       SELECT ticket_id, number, registered_at, type, channel, category, jurisdiction, requester_email, priority, area,
              status, first_response_at,
              -- Business minutes are about a third of calendar minutes over days (8 of 24 hours, 5 of 7 days).
              extract(epoch FROM first_response_at - registered_at) / 60 * 0.9,
              extract(epoch FROM first_response_at - registered_at) / 60,
              CASE WHEN area <> 'L1' THEN first_response_at + interval '20 minutes' END,
              CASE WHEN area <> 'L1' THEN 1 ELSE 0 END,
              resolved_at, closed_at,
              extract(epoch FROM closed_at - registered_at) / 60 * 0.3,
              extract(epoch FROM closed_at - registered_at) / 60,
              satisfaction, CASE WHEN satisfaction IS NOT NULL THEN satisfaction_at END,
              CASE WHEN overdue THEN registered_at + interval '2 hours' END,
              CASE WHEN overdue THEN registered_at + interval '2 hours' END,
              -- Solved by one of eight technicians of the area that holds the ticket.
              CASE WHEN resolved_at IS NOT NULL THEN area || '-' || number % 8 END,
              CASE WHEN resolved_at IS NOT NULL THEN 'Técnico ' || (number % 8 + 1) || ' de ' || area END,
              CASE WHEN resolved_at IS NOT NULL THEN area END
       FROM reporting.ticket_view
       -- Only the rows written above: the platform has facts of its own for the tickets it registered.
       WHERE number BETWEEN $1 AND $2`,
      [firstNumber, firstNumber + total - 1],
    ),
  );
  await timed('analyze', async () => {
    await db.query('VACUUM ANALYZE reporting.ticket_view');
    await db.query('VACUUM ANALYZE reporting.ticket_facts');
  });
  // The reports read the daily pre-aggregates; the service fills them at the start, so fill them here the
  // same way (the same SQL) for the facts written behind its back.
  await timed('filled kpi_daily, productivity_daily and recurring_daily', async () => {
    await db.query('BEGIN');
    for (const sql of dailyRebuild('reporting')) await db.query(sql, sql.includes('$1') ? [zone] : []);
    await db.query('COMMIT');
    for (const table of ['kpi_daily', 'productivity_daily', 'recurring_daily']) {
      await db.query(`VACUUM ANALYZE reporting.${table}`);
    }
  });
}
