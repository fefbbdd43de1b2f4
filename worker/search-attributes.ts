// Workflows upsert Tessera's search attributes; an unknown one stalls every workflow task. Register
// what is missing at start-up so any Temporal server works (Cloud refuses: it is done there by ops).
import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { Logger } from '../common/logger';
import { allSearchAttributes } from '../common/temporal';

const keyword = temporal.api.enums.v1.IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD;

export async function ensureSearchAttributes(connection: Connection, namespace: string, logger: Logger): Promise<void> {
  try {
    const existing = await connection.operatorService.listSearchAttributes({ namespace }).then(
      (r) => new Set(Object.keys(r.customAttributes ?? {})),
      () => new Set<string>(),
    );
    const missing = allSearchAttributes.filter((sa) => !existing.has(sa.name));
    if (missing.length === 0) return;
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((sa) => [sa.name, keyword])),
    });
    logger.info({ added: missing.map((sa) => sa.name) }, 'registered search attributes');
  } catch (err) {
    logger.warn({ err }, 'could not register search attributes; register them on the server (see README)');
  }
}
