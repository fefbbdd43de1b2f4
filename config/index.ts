// Configuration is read and validated once at start-up; nothing else reads process.env.
import path from 'node:path';
import { z } from 'zod';

const optionalString = z.string().trim().min(1).optional();

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  TESSERA_DATA_DIR: z.string().min(1).default('./.data'),
  TEMPORAL_ADDRESS: optionalString,
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_UI_PORT: z.coerce.number().int().min(1).max(65535).default(8233),
  TEMPORAL_PORT: z.coerce.number().int().min(1).max(65535).default(7233),
  TESSERA_TASK_QUEUE_PREFIX: z.string().regex(/^[a-z0-9-]+$/, 'lowercase letters, digits and dashes').default('tessera'),
  MONGODB_URI: optionalString.refine((v) => v === undefined || /^mongodb(\+srv)?:\/\//.test(v), 'must start with mongodb:// or mongodb+srv://'),
  MONGODB_PORT: z.coerce.number().int().min(1).max(65535).default(27018),
  SMTP_URL: optionalString.refine((v) => v === undefined || /^smtps?:\/\//.test(v), 'must start with smtp:// or smtps://'),
  MAIL_FROM: z.string().default('Tessera <tessera@localhost>'),
  PUBLIC_URL: z.string().url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TESSERA_BOOTSTRAP_WORKSPACE: z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes, 2-63 chars')
    // Words the API's own paths use beside a workspace id (`/api/dataset/…` is Roboflow's upload path).
    .refine((w) => !['dataset', 'docs', 'health'].includes(w), 'dataset, docs and health are words of the API\'s paths, not workspace ids').optional(),
  TESSERA_BOOTSTRAP_EMAIL: z.string().email().optional(),
  TESSERA_BOOTSTRAP_API_KEY: z.string().min(24, 'at least 24 characters').optional(),
  TESSERA_API_WAIT_MS: z.coerce.number().int().min(100).default(20_000),
  TESSERA_LEASE_SECONDS: z.coerce.number().int().min(5).default(600),
  TESSERA_DUE_ESCALATION_SECONDS: z.coerce.number().int().min(1).default(86_400),
  TESSERA_DUE_SOON_SECONDS: z.coerce.number().int().min(1).default(86_400),
  TESSERA_WORKFLOW_BUNDLE: optionalString,
  TESSERA_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  TESSERA_AUTH_FAILURES_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  TESSERA_WEBHOOKS_ALLOW_PRIVATE: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  TESSERA_WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  TESSERA_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(12),
  TESSERA_WEBHOOK_RETRY_INITIAL_MS: z.coerce.number().int().min(10).default(2_000),
  /** Check every JSON answer against its route's documented schema (the test stacks); a mismatch is a 500. */
  TESSERA_CHECK_RESPONSES: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
  /** Which task queues this worker process serves: both by default; `images` alone scales image work apart. */
  TESSERA_WORKER_QUEUES: z.string().default('jobs,images').transform((v) => v.split(',').map((q) => q.trim()).filter(Boolean))
    .pipe(z.array(z.enum(['jobs', 'images'])).min(1, 'name at least one of jobs, images')),
});

export type Env = z.infer<typeof envSchema>;

/** Where webhooks may point, and how deliveries are tried. */
export interface WebhookSettings {
  /** Loopback, private and link-local targets are refused unless this is set (tests, a private network). */
  allowPrivate: boolean;
  timeoutMs: number;
  /** Attempts of one delivery, with exponential backoff from `retryInitialMs`, before it is marked failed. */
  maxAttempts: number;
  retryInitialMs: number;
}

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  logLevel: Env['LOG_LEVEL'];
  temporal: { address?: string; namespace: string; port: number; uiPort: number; taskQueuePrefix: string };
  mongo: { uri?: string; port: number };
  mail: { smtpUrl?: string; from: string };
  publicUrl: string;
  bootstrap?: { workspace: string; email: string; apiKey: string };
  /** Upper bound on any wait the API does on a worker. */
  apiWaitMs: number;
  leaseSeconds: number;
  /** Past a job's due date, how long its labeler has before its managers are told. */
  dueEscalationSeconds: number;
  /** How long before a job's due date its labeler is told it is due soon. */
  dueSoonSeconds: number;
  /** A prebuilt workflow bundle (tests, images); otherwise the worker bundles at start-up. */
  workflowBundlePath?: string;
  /** Requests per API key per minute. */
  rateLimitPerMinute: number;
  /** Refused keys per client address per minute before that address is told to wait. */
  authFailuresPerMinute: number;
  webhooks: WebhookSettings;
  /** Whether every JSON answer is checked against its route's documented schema. */
  checkResponses: boolean;
  /** The task queues a worker process serves. */
  workerQueues: ('jobs' | 'images')[];
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const bootstrapVars = [e.TESSERA_BOOTSTRAP_WORKSPACE, e.TESSERA_BOOTSTRAP_EMAIL, e.TESSERA_BOOTSTRAP_API_KEY];
  const setCount = bootstrapVars.filter((v) => v !== undefined).length;
  if (setCount !== 0 && setCount !== 3) {
    throw new ConfigError(
      'Invalid configuration:\n  TESSERA_BOOTSTRAP_*: set all of TESSERA_BOOTSTRAP_WORKSPACE, TESSERA_BOOTSTRAP_EMAIL and TESSERA_BOOTSTRAP_API_KEY, or none',
    );
  }
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.TESSERA_DATA_DIR),
    logLevel: e.LOG_LEVEL,
    temporal: {
      address: e.TEMPORAL_ADDRESS,
      namespace: e.TEMPORAL_NAMESPACE,
      port: e.TEMPORAL_PORT,
      uiPort: e.TEMPORAL_UI_PORT,
      taskQueuePrefix: e.TESSERA_TASK_QUEUE_PREFIX,
    },
    mongo: { uri: e.MONGODB_URI, port: e.MONGODB_PORT },
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM },
    publicUrl: e.PUBLIC_URL ?? `http://localhost:${e.PORT}`,
    bootstrap:
      setCount === 3
        ? { workspace: e.TESSERA_BOOTSTRAP_WORKSPACE!, email: e.TESSERA_BOOTSTRAP_EMAIL!, apiKey: e.TESSERA_BOOTSTRAP_API_KEY! }
        : undefined,
    apiWaitMs: e.TESSERA_API_WAIT_MS,
    leaseSeconds: e.TESSERA_LEASE_SECONDS,
    dueEscalationSeconds: e.TESSERA_DUE_ESCALATION_SECONDS,
    dueSoonSeconds: e.TESSERA_DUE_SOON_SECONDS,
    workflowBundlePath: e.TESSERA_WORKFLOW_BUNDLE,
    rateLimitPerMinute: e.TESSERA_RATE_LIMIT_PER_MINUTE,
    authFailuresPerMinute: e.TESSERA_AUTH_FAILURES_PER_MINUTE,
    webhooks: {
      allowPrivate: e.TESSERA_WEBHOOKS_ALLOW_PRIVATE, timeoutMs: e.TESSERA_WEBHOOK_TIMEOUT_MS,
      maxAttempts: e.TESSERA_WEBHOOK_MAX_ATTEMPTS, retryInitialMs: e.TESSERA_WEBHOOK_RETRY_INITIAL_MS,
    },
    checkResponses: e.TESSERA_CHECK_RESPONSES,
    workerQueues: [...new Set(e.TESSERA_WORKER_QUEUES)],
  };
}
