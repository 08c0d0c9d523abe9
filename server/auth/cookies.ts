// The session cookie: HttpOnly (no script can read it), SameSite=Strict (no other site's page can send it), Path=/,
// and an expiry. Secure is added when BCF_SECURE_COOKIES=1 (set it behind HTTPS).
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_COOKIE = 'bcf_session';
/** A session lasts 12 hours from sign-in: a working day, then sign in again. */
export const SESSION_SECONDS = 12 * 60 * 60;

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [
    `${SESSION_COOKIE}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${maxAgeSeconds}`,
    ...(secure ? ['Secure'] : []),
  ].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

export function readCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=') || null;
  }
  return null;
}
