import { Suspense, lazy, useEffect, useState } from 'react';
import { isPageKey } from './shortcuts';

// The dialog's code (Mantine's Modal, its focus trap and scroll lock) is fetched when "?" is first pressed,
// not on everyone's first page.
const ShortcutsModal = lazy(async () => ({ default: (await import('./ShortcutsModal')).ShortcutsModal }));

/** "?" anywhere outside a field lists the keys of the page that is open. */
export function ShortcutsDialog() {
  const [opened, setOpened] = useState(false);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== '?' || !isPageKey(event)) return;
      event.preventDefault();
      setAsked(true);
      setOpened(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  if (!asked) return null;
  return (
    <Suspense fallback={null}>
      <ShortcutsModal opened={opened} onClose={() => setOpened(false)} />
    </Suspense>
  );
}
