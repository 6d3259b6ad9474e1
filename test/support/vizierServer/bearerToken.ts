// Checks an HS256 bearer token the way Vizier's query broker does (signature, audience, expiry), for the test server.

import { createHmac, timingSafeEqual } from 'node:crypto';

export type TokenCheck = { ok: true; claims: Record<string, unknown> } | { ok: false; reason: string };

/** Reasons are worded like the broker's JWT library (`exp not satisfied`, ...). */
export function checkBearerToken(token: string, signingKey: string, audience: string, nowSeconds = Date.now() / 1000): TokenCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return { ok: false, reason: 'failed to parse token' };
  const [head, body, signature] = parts;
  let header: { alg?: string };
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'failed to parse token' };
  }
  if (header.alg !== 'HS256') return { ok: false, reason: `unexpected algorithm ${String(header.alg)}` };
  const expected = createHmac('sha256', signingKey).update(`${head}.${body}`).digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'failed to verify jws signature' };
  const aud = claims.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) return { ok: false, reason: 'aud not satisfied' };
  if (typeof claims.exp === 'number' && claims.exp <= nowSeconds) return { ok: false, reason: 'exp not satisfied' };
  if (typeof claims.nbf === 'number' && claims.nbf > nowSeconds + 1) return { ok: false, reason: 'nbf not satisfied' };
  return { ok: true, claims };
}

/** Signs claims with HS256, for tests that need a token (valid or expired). */
export function signBearerToken(claims: Record<string, unknown>, signingKey: string): string {
  const head = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  const signature = createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
