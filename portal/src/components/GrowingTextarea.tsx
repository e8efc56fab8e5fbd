import { Textarea, type TextareaProps } from '@mantine/core';
import type { CSSProperties } from 'react';
import './growing-textarea.css';

/*
 * A text box that grows with what is written, between minRows and maxRows. Where the browser sizes a box to
 * its content in CSS (`field-sizing`, Chromium and Safari) it does so; elsewhere Mantine measures it in
 * script, which forces a layout of the whole page on every render and resize (on a 200-step ticket workspace
 * that was a good part of the first paint).
 */
const sizedByCss =
  typeof CSS !== 'undefined' && typeof CSS.supports === 'function' && CSS.supports('field-sizing', 'content');

export function GrowingTextarea({ minRows = 3, maxRows, classNames, style, ...props }: TextareaProps) {
  if (!sizedByCss) return <Textarea autosize minRows={minRows} maxRows={maxRows} style={style} {...props} />;
  const rows = {
    '--growing-min-rows': minRows,
    ...(maxRows !== undefined ? { '--growing-max-rows': maxRows } : {}),
  } as CSSProperties;
  return (
    <Textarea
      rows={minRows}
      classNames={{ ...(typeof classNames === 'object' ? classNames : {}), input: 'cau-growing-textarea' }}
      style={{ ...rows, ...(typeof style === 'object' ? style : {}) }}
      {...props}
    />
  );
}
