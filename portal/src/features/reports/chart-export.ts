// A chart as a file: recharts draws SVG, so the SVG is serialised with the colours and fonts the page's
// CSS gives it written into it (Mantine's colours are CSS variables, unknown outside the page); the PNG is
// that SVG drawn on a canvas at twice the size.

const PAINTED = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'opacity', 'fill-opacity', 'stroke-opacity'];
const TEXT = ['font-family', 'font-size', 'font-weight'];

/** A standalone copy of the chart's SVG, with a white background and a title. */
export function standaloneSvg(svg: SVGSVGElement, title: string): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const originals = [svg, ...Array.from(svg.querySelectorAll('*'))];
  const copies = [copy, ...Array.from(copy.querySelectorAll('*'))];
  originals.forEach((original, index) => {
    const target = copies[index];
    if (!(target instanceof SVGElement)) return;
    const style = getComputedStyle(original);
    for (const property of [...PAINTED, ...(original.tagName === 'text' || original.tagName === 'tspan' ? TEXT : [])]) {
      const value = style.getPropertyValue(property);
      if (value) target.setAttribute(property, value);
    }
    target.removeAttribute('class');
    target.removeAttribute('tabindex');
  });
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  copy.removeAttribute('style');
  const ns = 'http://www.w3.org/2000/svg';
  const background = document.createElementNS(ns, 'rect');
  background.setAttribute('width', '100%');
  background.setAttribute('height', '100%');
  background.setAttribute('fill', '#ffffff');
  const heading = document.createElementNS(ns, 'title');
  heading.textContent = title;
  copy.insertBefore(background, copy.firstChild);
  copy.insertBefore(heading, copy.firstChild);
  return new XMLSerializer().serializeToString(copy);
}

function download(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The first SVG recharts drew inside `container` (the legend's icons are smaller ones after it). */
export function chartSvg(container: HTMLElement | null): SVGSVGElement | null {
  return container?.querySelector<SVGSVGElement>('svg.recharts-surface') ?? null;
}

export function downloadSvg(svg: SVGSVGElement, title: string, name: string): void {
  download(new Blob([standaloneSvg(svg, title)], { type: 'image/svg+xml' }), `${name}.svg`);
}

export async function downloadPng(svg: SVGSVGElement, title: string, name: string): Promise<void> {
  const text = standaloneSvg(svg, title);
  const { width, height } = svg.getBoundingClientRect();
  const image = new Image();
  const loaded = new Promise<void>((resolve, reject) => {
    image.onload = () => resolve();
    image.onerror = () => reject(new Error('the chart could not be drawn'));
  });
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await loaded;
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('no canvas');
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('no PNG');
  download(blob, `${name}.png`);
}
