// Environment variables, read and checked once at start-up so a typo fails loudly instead of half-working.
import { z } from 'zod';
import { DEFAULT_DATABASE_PATH } from '../db/connection';

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .min(1)
    .default(DEFAULT_DATABASE_PATH)
    .refine((v) => !/^postgres(ql)?:\/\//.test(v), 'PostgreSQL is not supported yet: give DATABASE_URL as a SQLite file path'),
  BCF_DEMO: z.enum(['0', '1']).default('1'),
  /** The demo users' password; a random one is printed once when unset. */
  BCF_DEMO_PASSWORD: z.string().min(8, 'BCF_DEMO_PASSWORD must be at least 8 characters').optional(),
  /** 1 behind HTTPS: the session cookie gets the Secure flag. */
  BCF_SECURE_COOKIES: z.enum(['0', '1']).default('0'),
  /** 1 behind a reverse proxy: the client address for sign-in throttling comes from X-Forwarded-For. */
  BCF_TRUST_PROXY: z.enum(['0', '1']).default('0'),
});

export type Env = z.infer<typeof envSchema>;

export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n  ');
    throw new Error(`Invalid environment:\n  ${problems}`);
  }
  return parsed.data;
}
