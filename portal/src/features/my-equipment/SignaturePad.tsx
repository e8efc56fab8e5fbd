import { Button, Group, Input, Paper } from '@mantine/core';
import SignaturePadLibrary from 'signature_pad';
import { useEffect, useId, useRef } from 'react';
import { useTranslation } from 'react-i18next';

const HEIGHT = 160;

/**
 * A canvas to draw a signature on with the mouse, a pen or a finger (signature_pad); `onChange` gets the
 * PNG in base64 after each stroke, or null once cleared.
 */
export function SignaturePad({
  description,
  error,
  onChange,
}: {
  description: string;
  error?: string;
  onChange: (png: string | null) => void;
}) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const pad = useRef<SignaturePadLibrary | null>(null);
  const descriptionId = useId();
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
      changed.current(drawing.isEmpty() ? null : drawing.toDataURL('image/png').split(',')[1]!),
    );
    pad.current = drawing;
    return () => drawing.off();
  }, []);

  return (
    <Input.Wrapper label={t('myEquipment.signature')} description={description} error={error} id={descriptionId}>
      <Paper withBorder mt={4} style={{ touchAction: 'none' }}>
        <canvas
          ref={canvas}
          role="img"
          aria-label={t('myEquipment.signaturePad')}
          aria-describedby={`${descriptionId}-description`}
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
          {t('myEquipment.clear')}
        </Button>
      </Group>
    </Input.Wrapper>
  );
}
