import { createTheme, type CSSVariablesResolver } from '@mantine/core';

// Colours chosen for contrast (WCAG AA) on white: the default Mantine blue is too light for small text.
export const theme = createTheme({
  primaryColor: 'cau',
  primaryShade: 8,
  colors: {
    cau: ['#e8f1fa', '#cfe0f2', '#a0c1e6', '#6d9fd9', '#4483ce', '#2a71c8', '#1c67c5', '#0f57ae', '#064d9c', '#00428a'],
  },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", Ubuntu, sans-serif',
  defaultRadius: 'md',
  components: {
    // Light alerts colour their title with the alert's mid shade, too pale to read on its tint.
    Alert: { styles: { title: { color: 'var(--mantine-color-text)' } } },
    // Our loaders carry "Cargando…" as their label; a label is not allowed on a bare span (axe:
    // aria-prohibited-attr), and as a status it is also announced.
    Loader: { defaultProps: { role: 'status' } },
    // A closed Select's options are not kept in the page: kept (Mantine's default, hidden), each one's dropdown was
    // positioned as the page mounted, a forced style and layout per Select (~25 ms of opening a ticket). Not for
    // every Combobox: the desk's requester finder selects its first option as its list opens, which needs it kept.
    Select: { defaultProps: { comboboxProps: { keepMounted: false } } },
  },
});

/**
 * Mantine's dimmed grey (#868e96) is below 4.5:1 on white; field descriptions and hints use it. So is its
 * error red (#fa5252), which colours a refused field's message and the text in it.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { '--mantine-color-dimmed': '#495057', '--mantine-color-error': '#b02a2a' },
  dark: {},
});
