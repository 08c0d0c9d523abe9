// Environment variables, read and checked once at start-up so a typo fails loudly instead of half-working.
import os from 'node:os';
import { z } from 'zod';
import { DEFAULT_DATABASE_PATH, isPostgresUrl } from '../db/connection';
import { newPasswordSchema } from '../shared/schemas';

function isOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

function isSmtpUrl(value: string): boolean {
  try {
    return ['smtp:', 'smtps:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default(DEFAULT_DATABASE_PATH).describe('a SQLite file path, or a postgres:// URL'),
  BCF_DEMO: z.enum(['0', '1']).default('1'),
  /** The demo users' password; a random one is printed once when unset. Held to the rule of every password set here
   * (at least 12 characters, not a common one), as the demo users include an administrator. */
  BCF_DEMO_PASSWORD: newPasswordSchema.optional(),
  /** 1 behind HTTPS: the session cookie gets the Secure flag. */
  BCF_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** 1 behind a reverse proxy: the client address for sign-in throttling comes from X-Forwarded-For. */
  BCF_TRUST_PROXY: z.enum(['0', '1']).default('0'),
  /** Other origins whose pages may send changes (the Vite dev server's, or the public address behind a proxy that
   * rewrites Host), comma-separated: `https://bcf.example.org`. The app's own origin is always allowed. */
  BCF_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((origin) => origin.trim())
        .filter((origin) => origin !== ''),
    )
    .refine(
      (origins) => origins.every(isOrigin),
      'BCF_ALLOWED_ORIGINS must be origins such as https://bcf.example.org, separated by commas',
    ),
  /** 1 (the default) writes one JSON line per request to stdout; 0 keeps quiet (tests that send thousands). */
  BCF_LOG: z.enum(['0', '1']).default('1'),
  /** How long a stopping server lets requests in flight finish before cutting them off. */
  BCF_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
  /** Where notifications are emailed through (smtp://user:password@host:587, smtps://host:465); unset, no email is
   * sent and notifications are in the app only (server/mail/). */
  BCF_SMTP_URL: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || isSmtpUrl(value),
      'BCF_SMTP_URL must be an smtp:// or smtps:// URL such as smtp://mail.example.org:587',
    ),
  /** The sender of those emails. */
  BCF_MAIL_FROM: z.string().min(3).default('BCF tracker <bcf-tracker@localhost>'),
  /** The address people reach the app at, for the links in emails; unset, http://localhost:PORT. */
  BCF_PUBLIC_URL: z
    .string()
    .optional()
    .refine(
      (value) => value === undefined || isHttpUrl(value),
      'BCF_PUBLIC_URL must be an http:// or https:// URL such as https://bcf.example.org',
    ),
  /** How often (ms) the mail worker looks for mail to send, besides being woken by each change. */
  BCF_MAIL_POLL_MS: z.coerce.number().int().min(50).max(3_600_000).default(10_000),
  /** How many worker processes serve the one port (server/workers.ts); unset, workerCount chooses. */
  BCF_WORKERS: z
    .string()
    .optional()
    .superRefine((value, ctx) => {
      if (value !== undefined && !(/^\d{1,3}$/.test(value.trim()) && Number(value) >= 1 && Number(value) <= MAX_WORKERS)) {
        ctx.addIssue({
          code: 'custom',
          message: `must be a whole number of worker processes from 1 to ${MAX_WORKERS}, got '${value.slice(0, 20)}'`,
        });
      }
    })
    .transform((value) => (value === undefined ? undefined : Number(value))),
});

export const MAX_WORKERS = 64;

/** BCF_WORKERS, or by default one process per core on PostgreSQL (which takes writes from many at once) and one on
 * SQLite (one writer at a time, and its live change signal is in memory: README, Configuration). */
export function workerCount(env: Pick<Env, 'BCF_WORKERS' | 'DATABASE_URL'>): number {
  return env.BCF_WORKERS ?? (isPostgresUrl(env.DATABASE_URL) ? os.availableParallelism() : 1);
}

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid environment:\n  ${problems}`);
  }
  return parsed.data;
}
