// Evaluated first (main.tsx imports it before anything else): see api/early-reads.ts and app/early-code.ts.
import { startEarlyReads } from './api/early-reads';
import { startEarlyCode } from './app/early-code';
import { storedLanguage } from './app/stored-language';

void startEarlyReads(window.location, storedLanguage());
startEarlyCode(window.location.pathname);
