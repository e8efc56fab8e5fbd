import './early';
import './app/mantine-styles.css';
import '@mantine/notifications/styles.css';
import './app/global.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { i18nReady } from './app/i18n';
import { router } from './app/router';

// The first render also waits for the page's route to be ready (its code, what its loader awaits): rendered
// before, the route suspends, and React then holds the page behind that fallback for up to 300 ms more (its
// Suspense fallback throttling). The route's reads go on meanwhile; a failure is the router's to show.
void Promise.all([i18nReady, router.load().catch(() => undefined)]).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>,
  ),
);
