import { Button, Group, Input, Paper } from '@mantine/core';
import SignaturePadLibrary from 'signature_pad';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const HEIGHT = 160;

/**
 * A canvas to draw a signature on with the mouse, a pen or a finger (signature_pad), for the custody
 * acceptance ("mi equipo") and the field sign-off; `onChange` gets the PNG as a data URL after each
 * stroke, or null once cleared. Drawing is never the only way: each form also takes the signer's name or
 * an explicit tick from the keyboard.
 */
export function SignaturePad({
  label,
  padLabel = label,
  description,
  error,
  onChange,
}: {
  label: string;
  /** What a screen reader calls the canvas, when it differs from the visible label. */
  padLabel?: string;
  description?: string;
  error?: string;
  onChange: (png: string | null) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadLibrary | null>(null);
  const id = useId();
  const changed = useRef(onChange);
  changed.current = onChange;

  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    // The canvas' own pixels follow the screen's density, or strokes come out blurred and offset.
    const ratio = Math.max(window.devicePixelRatio || 1, 1);
    element.width = element.offsetWidth * ratio;
    element.height = HEIGHT * ratio;
    element.getContext('2d')?.scale(ratio, ratio);
    const drawing = new SignaturePadLibrary(element, { backgroundColor: 'rgb(255,255,255)' });
    drawing.addEventListener('endStroke', () =>
      changed.current(drawing.isEmpty() ? null : drawing.toDataURL('image/png')),
    );
    pad.current = drawing;
    return () => drawing.off();
  }, []);

  return (
    <Input.Wrapper label={label} description={description} error={error} id={id}>
      <Paper withBorder mt={4} style={{ touchAction: 'none' }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={padLabel}
          aria-describedby={description ? `${id}-description` : undefined}
          style={{ display: 'block', width: '100%', height: HEIGHT, cursor: 'crosshair' }}
        />
      </Paper>
      <Group justify="flex-end" mt={4}>
        <Button
          variant="subtle"
          size="compact-sm"
          onClick={() => {
            pad.current?.clear();
            changed.current(null);
          }}
        >
          {t('common.clearSignature')}
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
