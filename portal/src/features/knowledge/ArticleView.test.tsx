import { MantineProvider } from '@mantine/core';
import { render, screen } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import i18n from '../../app/i18n';
import { ArticleView } from './ArticleView';

const ARTICLE = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
const image = `/api/v1/kb/articles/${ARTICLE}/files/9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0`;
const manual = `/api/v1/kb/articles/${ARTICLE}/files/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d`;

const file = (id: string, fileName: string, isImage: boolean, url: string) => ({
  id,
  fileName,
  contentType: isImage ? 'image/png' : 'application/pdf',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  image: isImage,
  url,
  addedBy: { accountId: ARTICLE, name: 'Op' },
  addedAt: '2026-12-04T10:00:00.000Z',
});

function renderArticle(problem: string) {
  return render(
    <MantineProvider>
      <I18nextProvider i18n={i18n}>
        <ArticleView
          content={{ title: 'VPN', problem, solutionSteps: [`Leer [el manual](${manual})`], category: 'red', tags: [] }}
          files={[
            file('9e8d7c6b-5a49-4382-b716-05f4e3d2c1b0', 'pantalla.png', true, image),
            file('1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d', 'manual.pdf', false, manual),
            file('00000000-0000-4000-8000-000000000001', 'viejo.pdf', false, `${manual.slice(0, -1)}9`),
          ]}
        />
      </I18nextProvider>
    </MantineProvider>,
  );
}

describe('ArticleView', () => {
  it("shows the article's own images and lists the files its text names", () => {
    renderArticle(`Así se ve:\n\n![pantalla del error](${image})`);
    expect(screen.getByRole('img', { name: 'pantalla del error' }).getAttribute('src')).toBe(image);
    const list = screen.getByRole('list', { name: /archivos adjuntos|attached files/i });
    expect(list.textContent).toContain('manual.pdf');
    expect(list.textContent).not.toContain('viejo.pdf');
    expect(list.textContent).not.toContain('pantalla.png');
  });

  it('never renders raw HTML, scripts or images from elsewhere', () => {
    const { container } = renderArticle(
      '<script>alert(1)</script><img src=x onerror=alert(1)> ![rastreo](https://evil.example/p.gif) [x](javascript:alert(1))',
    );
    expect(container.querySelector('script')).toBeNull();
    expect(container.querySelectorAll('img')).toHaveLength(0);
    expect(container.textContent).toContain('[rastreo]');
    expect(container.querySelector('a[href^="javascript"]')).toBeNull();
  });
});
