import { afterEach, describe, expect, it } from 'vitest';
import { clearDraft, readDraft, writeDraft } from './drafts';

describe('drafts', () => {
  afterEach(() => window.localStorage.clear());

  it('keeps a draft per ticket and field, and forgets it when emptied or cleared', () => {
    writeDraft(7, 'reply', 'Estamos revisando.');
    writeDraft(7, 'solution', 'Se reinició el servicio.');
    writeDraft(8, 'reply', 'Otro ticket.');
    expect(readDraft(7, 'reply')).toBe('Estamos revisando.');
    expect(readDraft(7, 'solution')).toBe('Se reinició el servicio.');
    expect(readDraft(8, 'reply')).toBe('Otro ticket.');
    writeDraft(7, 'reply', '   ');
    expect(window.localStorage.getItem('cau.draft.7.reply')).toBeNull();
    clearDraft(7, 'solution');
    expect(readDraft(7, 'solution')).toBe('');
    expect(readDraft(8, 'reply')).toBe('Otro ticket.');
  });
});
