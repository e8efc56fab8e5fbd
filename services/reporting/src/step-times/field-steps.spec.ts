import { fieldSteps, type FieldHistory, type StepSpan } from './field-steps.js';

const wall = (from: Date, to: Date) => (to.getTime() - from.getTime()) / 60_000;
const at = (hhmm: string, day = 10) => new Date(`2025-03-${day}T${hhmm}:00Z`);

const blank: FieldHistory = {
  registeredAt: at('09:00'),
  closedAt: null,
  escalations: [],
  solutionsProposed: [],
  visitsPlanned: [],
  visitsRecorded: [],
  repairsOut: [],
  repairsReturned: [],
  signOffs: [],
};

const minutesByStep = (spans: StepSpan[]) => Object.fromEntries(spans.map((s) => [s.step, s.minutes]));

describe('fieldSteps: a ticket’s events mapped to the field procedure’s activities', () => {
  it('measures a full field attention: visit, machine out and back, signatures, closure', () => {
    const spans = fieldSteps(
      {
        ...blank,
        closedAt: at('12:00', 12),
        escalations: [at('10:00')],
        visitsPlanned: [{ visitId: 'v1', at: at('10:30') }],
        visitsRecorded: [{ visitId: 'v1', arrivedAt: at('14:30'), departedAt: at('15:30') }],
        repairsOut: [{ repairId: 'r1', at: at('15:40') }],
        repairsReturned: [{ repairId: 'r1', at: at('10:00', 11) }],
        signOffs: [at('10:20', 11)],
      },
      wall,
    );
    expect(minutesByStep(spans)).toEqual({
      '02': 60, // registered 09:00 → escalated 10:00
      '05': 240, // planned 10:30 → arrived 14:30
      '07': 60, // on site 14:30 → 15:30
      '08': 10, // departed 15:30 → F03 15:40
      '08b': 18 * 60 + 20, // out 15:40 → back 10:00 next day
      '09': 20, // back 10:00 → signed 10:20
      '10': 25 * 60 + 40, // signed 10:20 on the 11th → closed 12:00 on the 12th
    });
    expect(spans.find((s) => s.step === '09')).toMatchObject({ startedAt: at('10:00', 11), endedAt: at('10:20', 11) });
  });

  it('measures a desk-only ticket as 02 and 03, and none of the field steps', () => {
    const spans = fieldSteps({ ...blank, solutionsProposed: [at('11:00'), at('13:00')], closedAt: at('15:00') }, wall);
    expect(minutesByStep(spans)).toEqual({ '02': 120, '03': 240 });
  });

  it('counts nothing but 02 while a ticket is open, and nothing at all before anything happened', () => {
    expect(fieldSteps(blank, wall)).toEqual([]);
    expect(minutesByStep(fieldSteps({ ...blank, solutionsProposed: [at('09:30')] }, wall))).toEqual({ '02': 30 });
  });

  it('leaves out 03 once the ticket reached Soporte Técnico, even if it closes from the desk', () => {
    const spans = fieldSteps(
      { ...blank, escalations: [at('09:10')], solutionsProposed: [at('11:00')], closedAt: at('15:00') },
      wall,
    );
    expect(minutesByStep(spans)).toEqual({ '02': 10 });
  });

  it('adds up the time on site over several visits; 05 is the first visit asked for that took place', () => {
    const spans = fieldSteps(
      {
        ...blank,
        visitsPlanned: [
          { visitId: 'cancelled', at: at('09:20') },
          { visitId: 'v2', at: at('11:00') },
          { visitId: 'v1', at: at('09:40') },
        ],
        // Recorded in the order the technician filed them, not the order they happened.
        visitsRecorded: [
          { visitId: 'v2', arrivedAt: at('09:00', 11), departedAt: at('09:45', 11) },
          { visitId: 'v1', arrivedAt: at('13:40'), departedAt: at('14:10') },
        ],
      },
      wall,
    );
    expect(minutesByStep(spans)).toMatchObject({ '02': 20, '05': 240, '07': 75 });
    expect(spans.find((s) => s.step === '07')).toMatchObject({ startedAt: at('13:40'), endedAt: at('09:45', 11) });
  });

  it('does not count 05 for a visit recorded without being asked for, nor 08 for a machine out with no visit', () => {
    const spans = fieldSteps(
      {
        ...blank,
        visitsRecorded: [{ visitId: 'walk-in', arrivedAt: at('10:00'), departedAt: at('11:00') }],
        repairsOut: [{ repairId: 'r1', at: at('09:30') }],
      },
      wall,
    );
    expect(minutesByStep(spans)).toEqual({ '02': 30, '07': 60 });
  });

  it('waits for every machine to be back before counting 08b, and signatures after the last return', () => {
    const history: FieldHistory = {
      ...blank,
      repairsOut: [
        { repairId: 'r1', at: at('10:00') },
        { repairId: 'r2', at: at('11:00') },
      ],
      repairsReturned: [{ repairId: 'r1', at: at('12:00') }],
      signOffs: [at('12:30')],
    };
    expect(fieldSteps(history, wall).map((s) => s.step)).not.toContain('08b');
    const back = { ...history, repairsReturned: [...history.repairsReturned, { repairId: 'r2', at: at('14:00') }] };
    // The sign-off of 12:30 came before the last machine was back: 09 waits for a later one.
    expect(minutesByStep(fieldSteps(back, wall))).toEqual({ '02': 60, '08b': 240 });
    expect(minutesByStep(fieldSteps({ ...back, signOffs: [at('12:30'), at('14:05')] }, wall))).toMatchObject({
      '09': 5,
    });
  });

  it('closes 10 from the latest signatures when they came before the work ended, and not while reopened', () => {
    const history: FieldHistory = {
      ...blank,
      visitsPlanned: [{ visitId: 'v1', at: at('09:00') }],
      visitsRecorded: [{ visitId: 'v1', arrivedAt: at('10:00'), departedAt: at('11:00') }],
      signOffs: [at('10:50')],
      closedAt: at('12:00'),
    };
    expect(minutesByStep(fieldSteps(history, wall))).toEqual({ '02': 0, '05': 60, '07': 60, '10': 70 });
    expect(minutesByStep(fieldSteps({ ...history, closedAt: null }, wall))).not.toHaveProperty('10');
  });

  it('leaves out a step whose end is before its start (a closure recorded before the solution it closes)', () => {
    const spans = fieldSteps({ ...blank, solutionsProposed: [at('11:00')], closedAt: at('10:00') }, wall);
    expect(minutesByStep(spans)).toEqual({ '02': 120 });
  });

  it('measures with the function it is given (business minutes in the service)', () => {
    const flat = () => 7;
    const spans = fieldSteps({ ...blank, solutionsProposed: [at('11:00')], closedAt: at('12:00') }, flat);
    expect(minutesByStep(spans)).toEqual({ '02': 7, '03': 7 });
  });
});
