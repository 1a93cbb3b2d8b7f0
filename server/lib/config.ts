import path from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], {
    error: 'must be one of true/false/1/0/yes/no/on/off',
  })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().trim().min(1).default('127.0.0.1'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    BASE_URL: z.url({ error: 'must be an absolute URL such as https://kb.example.org' }).optional(),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    UPLOADS_DIR: z.string().trim().min(1).default('./uploads'),
    MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(1024).default(20),
    MAX_ATTACHMENTS: z.coerce.number().int().min(1).max(100).default(10),
    MONGODB_URI: optionalText.pipe(
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, 'must start with mongodb:// or mongodb+srv://')
        .optional(),
    ),
    ALLOW_BUNDLED_STORE_IN_PRODUCTION: booleanFlag.default(false),
    MEILI_HOST: optionalText.pipe(z.url({ error: 'must be a URL such as http://127.0.0.1:7700' }).optional()),
    MEILI_MASTER_KEY: optionalText,
    MEILI_BIN: optionalText,
    MEILI_INDEX_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9_-]*$/, 'may contain only letters, digits, - and _')
      .default(''),
    SESSION_SECRET: optionalText.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
    PUBLIC_READ: booleanFlag.default(true),
    SESSION_IDLE_MINUTES: z.coerce
      .number()
      .int()
      .min(5)
      .max(7 * 24 * 60)
      .default(120),
    SESSION_ABSOLUTE_HOURS: z.coerce
      .number()
      .int()
      .min(1)
      .max(30 * 24)
      .default(12),
    ADMIN_EMAIL: optionalText.pipe(z.email({ error: 'must be an e-mail address' }).optional()),
    ADMIN_PASSWORD: optionalText.pipe(z.string().min(10, 'must be at least 10 characters').optional()),
    SMTP_URL: optionalText.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
        .optional(),
    ),
    MAIL_FROM: z.string().trim().min(3).default('DeCoDe Knowledge Base <no-reply@localhost>'),
    TRUST_PROXY: z
      .string()
      .trim()
      .default('false')
      .transform((v): boolean | number | string => {
        if (v === 'true') return true;
        if (v === 'false' || v === '') return false;
        return /^\d+$/.test(v) ? Number(v) : v;
      }),
  })
  .superRefine((env, ctx) => {
    if (env.MEILI_HOST && !env.MEILI_MASTER_KEY) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_MASTER_KEY'], message: 'is required when MEILI_HOST is set' });
    }
    if (Boolean(env.ADMIN_EMAIL) !== Boolean(env.ADMIN_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['ADMIN_PASSWORD'], message: 'and ADMIN_EMAIL must be set together' });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' });
    }
  });

export type Config = Readonly<{
  env: 'development' | 'production' | 'test';
  isProduction: boolean;
  host: string;
  port: number;
  baseUrl: string;
  logLevel: string;
  dataDir: string;
  uploadsDir: string;
  /** Per file and per practice; uploads are held in memory while checked, so keep these modest. */
  uploads: Readonly<{ maxFileBytes: number; maxFiles: number }>;
  mongodbUri: string | undefined;
  /** Production refuses the bundled store (a single-process store for trying the app) unless this says yes. */
  allowBundledStoreInProduction: boolean;
  meili: Readonly<{
    host: string | undefined;
    masterKey: string | undefined;
    bin: string | undefined;
    indexPrefix: string;
  }>;
  sessionSecret: string | undefined;
  session: Readonly<{ idleMs: number; absoluteMs: number }>;
  initialAdmin: Readonly<{ email: string; password: string }> | undefined;
  mail: Readonly<{ smtpUrl: string | undefined; from: string }>;
  publicRead: boolean;
  trustProxy: boolean | number | string;
}>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads the environment once; every problem is reported together so a deployer fixes them in one pass. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`),
    );
  }
  const e = parsed.data;
  const resolve = (p: string) => path.resolve(projectRoot, p);
  return Object.freeze({
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    host: e.HOST,
    port: e.PORT,
    baseUrl: (e.BASE_URL ?? `http://localhost:${e.PORT}`).replace(/\/$/, ''),
    logLevel: e.LOG_LEVEL,
    dataDir: resolve(e.DATA_DIR),
    uploadsDir: resolve(e.UPLOADS_DIR),
    uploads: Object.freeze({ maxFileBytes: e.MAX_UPLOAD_MB * 1024 * 1024, maxFiles: e.MAX_ATTACHMENTS }),
    mongodbUri: e.MONGODB_URI,
    allowBundledStoreInProduction: e.ALLOW_BUNDLED_STORE_IN_PRODUCTION,
    meili: Object.freeze({
      host: e.MEILI_HOST,
      masterKey: e.MEILI_MASTER_KEY,
      bin: e.MEILI_BIN ? resolve(e.MEILI_BIN) : undefined,
      indexPrefix: e.MEILI_INDEX_PREFIX,
    }),
    sessionSecret: e.SESSION_SECRET,
    session: Object.freeze({
      idleMs: e.SESSION_IDLE_MINUTES * 60_000,
      absoluteMs: e.SESSION_ABSOLUTE_HOURS * 3_600_000,
    }),
    initialAdmin:
      e.ADMIN_EMAIL && e.ADMIN_PASSWORD
        ? Object.freeze({ email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD })
        : undefined,
    mail: Object.freeze({ smtpUrl: e.SMTP_URL, from: e.MAIL_FROM }),
    publicRead: e.PUBLIC_READ,
    trustProxy: e.TRUST_PROXY,
  });
}
