import { createTheme } from '@mantine/core';

// Colours chosen for contrast (WCAG AA) on white: the default Mantine blue is too light for small text.
export const theme = createTheme({
  primaryColor: 'cau',
  primaryShade: 8,
  colors: {
    cau: ['#e8f1fa', '#cfe0f2', '#a0c1e6', '#6d9fd9', '#4483ce', '#2a71c8', '#1c67c5', '#0f57ae', '#064d9c', '#00428a'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
  defaultRadius: 'md',
});
