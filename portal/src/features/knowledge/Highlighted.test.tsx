import { render } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Highlighted } from './Highlighted';

describe('Highlighted', () => {
  it('marks the matches and keeps escaped markup as text', () => {
    const { container } = render(
      <p>
        <Highlighted snippet="la &lt;b&gt;impresora&lt;/b&gt; no <mark>imprime</mark> &amp; falla" />
      </p>,
    );
    expect(container.querySelectorAll('mark')).toHaveLength(1);
    expect(container.querySelector('mark')?.textContent).toBe('imprime');
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe('la <b>impresora</b> no imprime & falla');
  });
});
