import { checkTemplate, renderTemplate } from './template-language.js';

const placeholders = ['number', 'title', 'requesterName', 'solution'];
const good = {
  subject: '[CAU #{{number}}] Solución: {{title}}',
  text: 'Hola, {{requesterName}}:\n{{#solution}}Solución:\n{{solution}}{{/solution}}{{! nota interna }}',
  html: '<p>Hola, {{requesterName}}:</p>{{^solution}}<p>Sin solución</p>{{/solution}}',
};

describe('mail templates: checking', () => {
  it('accepts placeholders of the kind, sections on them and comments', () => {
    expect(checkTemplate(good, placeholders)).toEqual([]);
  });

  it('accepts spaces inside the braces of the ticket tag', () => {
    expect(checkTemplate({ ...good, subject: '[CAU #{{ number }}] {{title}}' }, placeholders)).toEqual([]);
  });

  it.each([
    ['no tag', 'Solución: {{title}}'],
    ['the tag later', 'Solución [CAU #{{number}}]'],
    ['a fixed number', '[CAU #1234] {{title}}'],
    ['another placeholder in the tag', '[CAU #{{title}}] x'],
    ['an unclosed tag', '[CAU #{{number}}x'],
  ])('refuses a subject with %s, naming the field', (_name, subject) => {
    const problems = checkTemplate({ ...good, subject }, placeholders, 'template.');
    expect(problems.map((p) => p.field)).toEqual(['template.subject']);
    expect(['ticketTagRequired', 'templateSyntax']).toContain(problems[0]?.constraint);
  });

  it('reports an unclosed section with where Mustache stopped reading', () => {
    expect(checkTemplate({ ...good, text: 'Hola {{#solution}} sin cerrar' }, placeholders)).toEqual([
      { field: 'text', constraint: 'templateSyntax', params: [29] },
    ]);
  });

  it('names an unknown placeholder and lists the ones there are, also inside sections', () => {
    expect(checkTemplate({ ...good, html: '{{#solution}}{{password}}{{/solution}}' }, placeholders)).toEqual([
      { field: 'html', constraint: 'unknownPlaceholder', params: ['password', placeholders] },
    ]);
  });

  it.each([
    ['{{{title}}}', '{{{title}}}'],
    ['{{&title}}', '{{&title}}'],
    ['{{>footer}}', '{{>footer}}'],
    ['{{=<% %>=}}<%title%>', '{{=<% %>=}}'],
  ])('refuses %s in the HTML part', (html, tag) => {
    expect(checkTemplate({ ...good, html }, placeholders)).toEqual([
      { field: 'html', constraint: 'tagNotAllowed', params: [tag] },
    ]);
  });

  it('allows unescaped output in the plain-text part, which is never escaped, but not partials', () => {
    expect(checkTemplate({ ...good, text: '{{{title}}}' }, placeholders)).toEqual([]);
    expect(checkTemplate({ ...good, text: '{{>footer}}' }, placeholders)[0]?.constraint).toBe('tagNotAllowed');
  });

  it('reports every part that is wrong', () => {
    const problems = checkTemplate({ subject: 'x', text: '{{a', html: '{{b}}' }, placeholders);
    expect(problems.map((p) => [p.field, p.constraint])).toEqual([
      ['subject', 'ticketTagRequired'],
      ['text', 'templateSyntax'],
      ['html', 'unknownPlaceholder'],
    ]);
  });
});

describe('mail templates: rendering', () => {
  const values = {
    number: '7',
    title: 'a & b <img src=x>\r\nBcc: otro@example.gob',
    requesterName: '<script>alert(1)</script>',
    solution: '',
  };

  it('escapes values in the HTML part only', () => {
    const mail = renderTemplate(good, values);
    expect(mail.html).toBe('<p>Hola, &lt;script&gt;alert(1)&lt;/script&gt;:</p><p>Sin solución</p>');
    expect(mail.text).toBe('Hola, <script>alert(1)</script>:\n');
  });

  it('keeps the subject on one line, so no value adds a header', () => {
    expect(renderTemplate(good, values).subject).toBe('[CAU #7] Solución: a & b <img src=x> Bcc: otro@example.gob');
  });

  it('shows a section only when its value is not empty', () => {
    expect(renderTemplate(good, { ...values, solution: 'Reinicie.' }).text).toContain('Solución:\nReinicie.');
  });
});
