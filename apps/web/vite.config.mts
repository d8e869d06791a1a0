import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const meetingService = 'http://localhost:3000';

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  resolve: {
    alias: {
      // Shapes and rules shared with the services; plain TS, bundled straight from source.
      '@hoinghi/contracts': `${repoRoot}libs/contracts/src/index.ts`,
      '@hoinghi/domain': `${repoRoot}libs/domain/src/index.ts`,
    },
  },
  build: {
    // The meeting service serves this folder (see apps/meeting bootstrap: webDistDir).
    outDir: `${repoRoot}dist/web`,
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api': meetingService,
      '/socket.io': { target: meetingService, ws: true },
    },
  },
});
