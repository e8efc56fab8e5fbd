import { uuidOf } from './process-inbound-mail.use-case.js';

describe('uuidOf', () => {
  it('gives the same valid UUID for the same text, and another for another text', () => {
    const a = uuidOf('mid:<a@salud.gob>');
    expect(a).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(uuidOf('mid:<a@salud.gob>')).toBe(a);
    expect(uuidOf('mid:<b@salud.gob>')).not.toBe(a);
  });
});
