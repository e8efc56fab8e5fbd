import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves the build at `/`; in `vite dev` the API is proxied to a running gateway.
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 900 },
  server: { proxy: { '/api': process.env.CAU_GATEWAY_URL ?? 'http://127.0.0.1:3000' } },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./vitest.setup.ts'],
  },
});
