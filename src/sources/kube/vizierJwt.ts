// Signs and verifies the short-lived HS256 service token Pixie's query broker accepts in direct mode.
//
// Claims follow pixie-io/pixie `src/shared/services/utils/claims.go` (GenerateJWTForService:
// aud, sub, iss "PL", exp now+10 min, Scopes ["service"], ServiceID) as serialized by
// `src/shared/services/utils/jwt.go` (ProtoToToken: aud, exp, iat, iss, jti, nbf, sub, plus the
// private claims `Scopes` joined by "," and `ServiceID`). The broker checks them in
// `src/shared/services/authcontext/context.go` (UseJWTAuth: HS256 with the cluster's
// `jwt-signing-key`, audience "vizier", exp/iat/nbf validated), called from the gRPC auth
// interceptor in `src/shared/services/server/grpc_server.go`; failures become UNAUTHENTICATED.
// The broker's own script runner calls ExecuteScript with exactly such a token
// (`GenerateJWTForService("query_broker", "vizier")` in
// `src/vizier/services/query_broker/script_runner/script_runner.go`).

import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';

/** Audience every Vizier service checks (`env.New("vizier")` upstream). */
export const VIZIER_AUDIENCE = 'vizier';
/** Issuer upstream service tokens carry. */
export const VIZIER_ISSUER = 'PL';
/** Our service id, in `sub` and `ServiceID`. */
export const FLAMELENS_SERVICE_ID = 'flamelens';
/** Upstream service tokens live 10 minutes; ours do too. */
export const VIZIER_TOKEN_TTL_SECONDS = 600;
/**
 * iat/nbf are backdated so a laptop clock running ahead of the cluster's does not make the
 * token "not yet valid" (upstream backdates cluster tokens by the same 2 minutes).
 */
export const CLOCK_SKEW_LEEWAY_SECONDS = 120;

export interface VizierJwtClaims {
  aud: string;
  exp: number;
  iat: number;
  iss: string;
  jti: string;
  nbf: number;
  sub: string;
  Scopes: string;
  ServiceID: string;
}

export interface SignVizierJwtOptions {
  /** The `jwt-signing-key` value from secret `pl/pl-cluster-secrets` (decoded, used as raw bytes). */
  signingKey: string;
  serviceId?: string;
  /** Seconds since the epoch; defaults to the current time. */
  now?: number;
  ttlSeconds?: number;
}

export function signVizierJwt(options: SignVizierJwtOptions): string {
  if (!options.signingKey) throw new Error('Cannot sign a Vizier token: the jwt-signing-key is empty.');
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const serviceId = options.serviceId ?? FLAMELENS_SERVICE_ID;
  const claims: VizierJwtClaims = {
    aud: VIZIER_AUDIENCE,
    exp: now + (options.ttlSeconds ?? VIZIER_TOKEN_TTL_SECONDS),
    iat: now - CLOCK_SKEW_LEEWAY_SECONDS,
    iss: VIZIER_ISSUER,
    jti: randomUUID(),
    nbf: now - CLOCK_SKEW_LEEWAY_SECONDS,
    sub: serviceId,
    Scopes: 'service',
    ServiceID: serviceId,
  };
  const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const body = base64url(JSON.stringify(claims));
  return `${head}.${body}.${hmac(options.signingKey, `${head}.${body}`).toString('base64url')}`;
}

export type VizierJwtFailure = 'malformed' | 'algorithm' | 'signature' | 'audience' | 'expired' | 'not-yet-valid' | 'claims';

/** Why a token was refused; the message is what the query broker would say after "invalid auth token: ". */
export class VizierJwtError extends Error {
  constructor(
    readonly reason: VizierJwtFailure,
    message: string,
  ) {
    super(message);
    this.name = 'VizierJwtError';
  }
}

export interface VerifyVizierJwtOptions {
  /** Seconds since the epoch; defaults to the current time. */
  now?: number;
  audience?: string;
}

/**
 * Checks a bearer token the way the query broker does (signature, algorithm, audience, exp, nbf,
 * iat) plus the shape of service claims (sub, ServiceID, Scopes), and returns its claims.
 * Throws VizierJwtError. For test servers standing in for the broker.
 */
export function verifyVizierJwt(token: string, signingKey: string, options: VerifyVizierJwtOptions = {}): VizierJwtClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) {
    throw new VizierJwtError('malformed', 'token is not a compact JWS (three base64url parts)');
  }
  const [head, body, signature] = parts as [string, string, string];
  const header = parseJson(head, 'header');
  if (header.alg !== 'HS256') throw new VizierJwtError('algorithm', `algorithm ${JSON.stringify(header.alg)} is not HS256`);
  const expected = hmac(signingKey, `${head}.${body}`);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new VizierJwtError('signature', 'signature does not match the cluster signing key');
  }
  const claims = parseJson(body, 'claims');
  const audience = options.audience ?? VIZIER_AUDIENCE;
  const aud = claims.aud;
  if (!(aud === audience || (Array.isArray(aud) && aud.includes(audience)))) {
    throw new VizierJwtError('audience', `audience ${JSON.stringify(aud)} is not "${audience}"`);
  }
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const exp = numberClaim(claims, 'exp');
  const nbf = numberClaim(claims, 'nbf');
  const iat = numberClaim(claims, 'iat');
  if (exp <= now) throw new VizierJwtError('expired', `token expired ${now - exp} s ago`);
  if (nbf > now) throw new VizierJwtError('not-yet-valid', `token not valid before ${nbf} (now ${now})`);
  if (iat > now) throw new VizierJwtError('not-yet-valid', `token issued in the future (${iat}, now ${now})`);
  for (const key of ['iss', 'jti', 'sub', 'Scopes', 'ServiceID'] as const) {
    if (typeof claims[key] !== 'string') throw new VizierJwtError('claims', `claim ${key} is missing or not a string`);
  }
  if (!claims.sub || !claims.ServiceID) throw new VizierJwtError('claims', 'service token has an empty sub or ServiceID');
  return {
    aud: audience,
    exp,
    iat,
    iss: claims.iss as string,
    jti: claims.jti as string,
    nbf,
    sub: claims.sub as string,
    Scopes: claims.Scopes as string,
    ServiceID: claims.ServiceID as string,
  };
}

/**
 * A source of tokens for long-lived connections: signs a new token when the current one has
 * less than `renewBeforeSeconds` left, so a session never sends an expired token.
 */
export function vizierTokenSource(signingKey: string, renewBeforeSeconds = 120, clock: () => number = () => Math.floor(Date.now() / 1000)): () => string {
  let token = '';
  let expiresAt = 0;
  return () => {
    const now = clock();
    if (!token || expiresAt - now <= renewBeforeSeconds) {
      token = signVizierJwt({ signingKey, now });
      expiresAt = now + VIZIER_TOKEN_TTL_SECONDS;
    }
    return token;
  };
}

function hmac(key: string, data: string): Buffer {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(data).digest();
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function parseJson(part: string, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through to the error below
  }
  throw new VizierJwtError('malformed', `token ${what} is not a JSON object`);
}

function numberClaim(claims: Record<string, unknown>, key: string): number {
  const value = claims[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new VizierJwtError('claims', `claim ${key} is missing or not a number`);
  return value;
}
