// Evaluated first (main.tsx imports it before anything else): see api/early-reads.ts.
import { startEarlyReads } from './api/early-reads';
import { storedLanguage } from './app/stored-language';

void startEarlyReads(window.location, storedLanguage());
