// The web app's build (`npm run build:web` → web/dist, served by the API server at `/`) and its
// development server (`npm run dev:web`: reloads on save, sends /api to the running `npm start`).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: { port: 5173, proxy: { '/api': 'http://localhost:3000' } },
});
