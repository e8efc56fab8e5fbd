import { Button, Group, Stack, Text } from '@mantine/core';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A pad to draw a signature with a finger, pen or mouse; the drawing goes out as a PNG data URL. It is
 * optional: the typed name is the signature for whoever signs with the keyboard.
 */
export function SignaturePad({ label, onChange }: { label: string; onChange: (drawing: string | null) => void }) {
  const { t } = useTranslation();
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef(false);
  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    const scale = event.currentTarget.width / box.width;
    return [(event.clientX - box.left) * scale, (event.clientY - box.top) * scale] as const;
  };
  const start = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const context = event.currentTarget.getContext('2d');
    if (!context) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    drawing.current = true;
    context.lineWidth = 2.5;
    context.lineCap = 'round';
    context.strokeStyle = '#1a1a1a';
    context.beginPath();
    context.moveTo(...point(event));
  };
  const move = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    const context = event.currentTarget.getContext('2d');
    context?.lineTo(...point(event));
    context?.stroke();
  };
  const end = (event: React.PointerEvent<HTMLCanvasElement>) => {
    if (!drawing.current) return;
    drawing.current = false;
    onChange(event.currentTarget.toDataURL('image/png'));
  };
  const clear = () => {
    const element = canvas.current;
    element?.getContext('2d')?.clearRect(0, 0, element.width, element.height);
    onChange(null);
  };
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {label}
      </Text>
      <canvas
        ref={canvas}
        width={600}
        height={160}
        role="img"
        aria-label={label}
        onPointerDown={start}
        onPointerMove={move}
        onPointerUp={end}
        onPointerCancel={end}
        style={{
          width: '100%',
          height: 120,
          border: '1px solid #868e96',
          borderRadius: 4,
          touchAction: 'none',
          background: '#fff',
        }}
      />
      <Group justify="flex-end">
        <Button size="xs" variant="subtle" onClick={clear}>
          {t('fieldService.signOff.clear')}
        </Button>
      </Group>
    </Stack>
  );
}
