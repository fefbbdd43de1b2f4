// The web app at `/`: the built files of web/ (`npm run build:web`), and index.html for every other
// path outside /api so the app's own addresses load on reload. Hashed assets are cached for good.
import fs from 'node:fs';
import path from 'node:path';
import express, { type Router } from 'express';

export const webDistDir = path.join(__dirname, '..', 'web', 'dist');

export function webAppRouter(distDir = webDistDir): Router {
  const router = express.Router();
  const index = path.join(distDir, 'index.html');
  router.use('/assets', express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.get(/^(?!\/api(\/|$)).*/, (_req, res) => {
    if (!fs.existsSync(index)) {
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build:web` (npm start does it).');
      return;
    }
    res.set('cache-control', 'no-cache').sendFile(index);
  });
  return router;
}
