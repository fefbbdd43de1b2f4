// The API's readable docs: Swagger UI from the swagger-ui-dist package (served from node_modules, so it
// works offline), pointed at the generated /api/openapi.json. Mounted at /api/docs.
import path from 'node:path';
import express, { Router } from 'express';

const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

// Relative links only, so the page also works behind a proxy that adds a path prefix.
const page = `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="UTF-8">
    <title>Tessera API</title>
    <link rel="stylesheet" type="text/css" href="./swagger-ui.css">
    <link rel="icon" type="image/png" href="./favicon-32x32.png" sizes="32x32">
    <link id="openapi-document" rel="alternate" type="application/json" title="OpenAPI document" href="../openapi.json">
    <style>body { margin: 0; }</style>
  </head>
  <body>
    <div id="swagger-ui"></div>
    <script src="./swagger-ui-bundle.js" charset="UTF-8"></script>
    <script src="./swagger-ui-standalone-preset.js" charset="UTF-8"></script>
    <script src="./swagger-initializer.js" charset="UTF-8"></script>
  </body>
</html>
`;

const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: document.getElementById('openapi-document').href,
    dom_id: '#swagger-ui',
    deepLinking: true,
    persistAuthorization: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    layout: 'StandaloneLayout',
  });
};
`;

export function docsRouter(): Router {
  const router = Router();
  router.get('/', (req, res) => {
    // Relative asset links need the trailing slash: /api/docs → /api/docs/.
    const { pathname, search } = new URL(req.originalUrl, 'http://localhost');
    if (!pathname.endsWith('/')) return res.redirect(`${pathname.split('/').at(-1)}/${search}`);
    res.type('html').send(page);
  });
  router.get('/swagger-initializer.js', (_req, res) => {
    res.type('js').send(initializer);
  });
  router.use(express.static(swaggerUiDir, { index: false, maxAge: '1h' }));
  return router;
}
