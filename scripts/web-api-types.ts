// The web app's typed client is generated from the API's OpenAPI document: paths, parameters, bodies
// and answers. `npm run gen:web-api` rewrites web/src/api/schema.d.ts; a test fails while it is stale.
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import openapiTS, { astToString, type OpenAPI3 } from 'openapi-typescript';
import { buildOpenApiDocument } from '../api/openapi';
import { routes } from '../api/routes';

export const webApiTypesFile = path.join(__dirname, '..', 'web', 'src', 'api', 'schema.d.ts');

const header = '// Generated from the OpenAPI document by `npm run gen:web-api`; do not edit.\n\n';

export async function webApiTypes(): Promise<string> {
  return header + astToString(await openapiTS(buildOpenApiDocument(routes) as OpenAPI3));
}

if (require.main === module) {
  void webApiTypes().then((types) => {
    writeFileSync(webApiTypesFile, types);
    console.log(`wrote ${path.relative(process.cwd(), webApiTypesFile)}`);
  });
}
