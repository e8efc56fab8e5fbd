// The console's queues on many tickets: tickets written straight into reporting's ticket view with SQL, for
// the queues benchmark and the portal's. Three years of them, most closed, the newest open.
// Agents: eight per area, ids 00000000-0000-4000-8000-0000000001xx. The newest 3% are open (abierto: nobody
// has taken them yet; en_curso), 0.5% resuelto awaiting review, the rest closed. Open tickets' resolution targets fall between
// 6 h ago and 5 days ahead; 8% of all tickets are con atraso; a twentieth of the open ones wait on the
// requester (no due date while the clock stands still). A fixed seed, so every run measures the same data.
export const AGENT = (i) => `00000000-0000-4000-8000-${String(100 + i).padStart(12, '0')}`;

/**
 * Writes `total` tickets numbered from `firstNumber` (the numbers a running intake has not given yet), then
 * analyses the table so the planner knows them.
 */
export async function seedTicketView(db, total, { firstNumber = 1 } = {}) {
  await db.query('SELECT setseed(0.42)');
  await db.query(
    `INSERT INTO reporting.ticket_view
       (ticket_id, number, title, description, channel, type, category, impact, urgency, priority, area, status,
        overdue, jurisdiction, requester_email, requester_name, requester, registered_by, attachments,
        registered_at, routed_at, updated_at, area_changed_at, assignee_id, assignee_name, assignee_changed_at,
        waiting_on_requester, first_response_at, resolved_at, closed_at, response_due_at, resolution_due_at,
        response_met_at, resolution_met_at)
     SELECT gen_random_uuid(), i + $2::int, t.title, 'Descripción del problema ' || i, t.channel, t.type, t.category,
            'medio', 'media', t.priority, t.area, t.status, t.overdue, t.jurisdiction, t.email, 'Persona ' || t.person,
            jsonb_build_object('email', t.email, 'name', 'Persona ' || t.person),
            '{"accountId":"00000000-0000-4000-8000-000000000001","name":"Operadora","role":"operator"}', '[]',
            t.registered, t.registered + interval '1 minute', t.updated, t.registered + interval '1 minute',
            t.assignee, CASE WHEN t.assignee IS NOT NULL THEN 'Agente ' || t.agent END,
            CASE WHEN t.assignee IS NOT NULL THEN t.registered + interval '5 minutes' END,
            t.waiting, CASE WHEN t.assignee IS NOT NULL THEN t.registered + interval '5 minutes' END,
            CASE WHEN t.status IN ('resuelto', 'cerrado') THEN t.solved END,
            CASE WHEN t.status = 'cerrado' THEN t.solved + interval '3 hours' END,
            t.registered + interval '2 hours', CASE WHEN NOT t.waiting THEN t.due END,
            CASE WHEN t.assignee IS NOT NULL THEN t.registered + interval '5 minutes' END,
            CASE WHEN t.status IN ('resuelto', 'cerrado') THEN t.solved END
     FROM generate_series(1, $1::int) i,
     LATERAL (
       SELECT r.*,
              CASE WHEN r.open AND r.slot < 0.45 THEN NULL
                   ELSE '00000000-0000-4000-8000-' || lpad((100 + r.agent)::text, 12, '0') END::uuid AS assignee,
              CASE WHEN r.open THEN now() - interval '6 hours' + make_interval(mins => (random() * 7560)::int)
                   ELSE r.registered + interval '16 hours' END AS due,
              r.registered + make_interval(mins => (r.resolution_min)::int) AS solved,
              CASE WHEN r.open THEN r.registered + make_interval(mins => (random() * 600)::int)
                   WHEN r.status_pick < 0.005 THEN r.registered + make_interval(mins => (r.resolution_min)::int)
                   ELSE r.registered + make_interval(mins => (r.resolution_min)::int + 180) END AS updated,
              CASE WHEN r.open THEN (CASE WHEN r.slot < 0.45 THEN 'abierto' ELSE 'en_curso' END)
                   WHEN r.status_pick < 0.005 THEN 'resuelto' ELSE 'cerrado' END AS status,
              r.open AND r.slot > 0.95 AS waiting
       FROM (
         SELECT CASE WHEN i > $1 * 0.97 THEN now() - make_interval(mins => (($1 - i) * 60 * 24 * 20 / ($1 * 0.03 + 1))::int)
                     ELSE timestamptz '2023-01-02 11:00+00' + make_interval(days => (i::bigint * 1080 / $1)::int)
                          + make_interval(mins => (random() * 480)::int) END AS registered,
                i > $1 * 0.97 AS open,
                random() AS slot,
                random() AS status_pick,
                random() AS area_pick,
                -ln(1 - random()) * 2880 + 60 AS resolution_min,
                random() < 0.08 AS overdue,
                (ARRAY['incidente','incidente','incidente','incidente','incidente','solicitud','solicitud',
                       'solicitud','reclamo','incidente_seguridad'])[1 + floor(random() * 10)::int] AS type,
                (ARRAY['telefono','telefono','telefono','telefono','email','email','portal','portal','whatsapp',
                       'presencial'])[1 + floor(random() * 10)::int] AS channel,
                (ARRAY['ALTA','MEDIA','MEDIA','BAJA'])[1 + floor(random() * 4)::int] AS priority,
                'cat' || lpad(floor(power(random(), 2) * 25)::int::text, 2, '0') AS category,
                'JUR' || floor(power(random(), 2) * 60)::int AS jurisdiction,
                floor(power(random(), 3) * 50000)::int AS person,
                'persona' || floor(power(random(), 3) * 50000)::int || '@gob.test' AS email,
                (ARRAY['No funciona la impresora','Sin acceso al correo','El sistema de expedientes no responde',
                       'Solicitud de nueva cuenta','Pantalla azul al iniciar','La red está lenta',
                       'Restablecer contraseña','Instalar programa de firma digital'])[1 + floor(random() * 8)::int]
                  AS title
       ) r0,
       LATERAL (
         SELECT r0.*, a.area, a.base + floor(random() * 8)::int AS agent
         FROM (SELECT CASE WHEN r0.area_pick < 0.6 THEN 'L1' WHEN r0.area_pick < 0.8 THEN 'UIT'
                           WHEN r0.area_pick < 0.9 THEN 'UPAT' WHEN r0.area_pick < 0.95 THEN 'ACGII' ELSE 'ADT' END AS area,
                      CASE WHEN r0.area_pick < 0.6 THEN 0 WHEN r0.area_pick < 0.8 THEN 8
                           WHEN r0.area_pick < 0.9 THEN 16 WHEN r0.area_pick < 0.95 THEN 24 ELSE 32 END AS base) a
       ) r
     ) t`,
    [total, firstNumber - 1],
  );
  await db.query('VACUUM ANALYZE reporting.ticket_view');
}
