import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signVizierJwt, verifyVizierJwt, VizierJwtError, vizierTokenSource } from '../../../src/sources/kube/vizierJwt';

// A signing key as Pixie writes it into pl-cluster-secrets (random hex, used as raw bytes).
const KEY = '6f1c0b5e2a9d4c7e8f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f506';
const NOW = 1_760_000_000;

function decode(token: string): { header: Record<string, unknown>; claims: Record<string, unknown> } {
  const [h, c] = token.split('.');
  return { header: JSON.parse(Buffer.from(h!, 'base64url').toString()), claims: JSON.parse(Buffer.from(c!, 'base64url').toString()) };
}

function resign(claims: Record<string, unknown>, key = KEY, alg = 'HS256'): string {
  const head = Buffer.from(JSON.stringify({ alg, typ: 'JWT' })).toString('base64url');
  const body = Buffer.from(JSON.stringify(claims)).toString('base64url');
  return `${head}.${body}.${createHmac('sha256', key).update(`${head}.${body}`).digest('base64url')}`;
}

function refusal(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof VizierJwtError, `expected VizierJwtError, got ${String(err)}`);
    return err.reason;
  }
  assert.fail('the token was accepted');
}

describe('Vizier service token (direct mode JWT)', () => {
  it('carries exactly the claims of a Pixie service token, HS256, audience vizier, 10 minutes', () => {
    const { header, claims } = decode(signVizierJwt({ signingKey: KEY, now: NOW }));
    assert.deepEqual(header, { alg: 'HS256', typ: 'JWT' });
    assert.deepEqual(Object.keys(claims).sort(), ['Scopes', 'ServiceID', 'aud', 'exp', 'iat', 'iss', 'jti', 'nbf', 'sub']);
    assert.equal(claims.aud, 'vizier');
    assert.equal(claims.iss, 'PL');
    assert.equal(claims.sub, 'flamelens');
    assert.equal(claims.ServiceID, 'flamelens');
    assert.equal(claims.Scopes, 'service');
    assert.equal(claims.exp, NOW + 600);
    // Backdated for clock skew between the laptop and the cluster.
    assert.equal(claims.iat, NOW - 120);
    assert.equal(claims.nbf, NOW - 120);
    assert.match(String(claims.jti), /^[0-9a-f-]{36}$/);
  });

  it('gives each token its own jti', () => {
    const a = decode(signVizierJwt({ signingKey: KEY, now: NOW })).claims.jti;
    const b = decode(signVizierJwt({ signingKey: KEY, now: NOW })).claims.jti;
    assert.notEqual(a, b);
  });

  it('verifies with the cluster key and returns the claims', () => {
    const claims = verifyVizierJwt(signVizierJwt({ signingKey: KEY, now: NOW }), KEY, { now: NOW + 60 });
    assert.equal(claims.ServiceID, 'flamelens');
    assert.equal(claims.aud, 'vizier');
  });

  it('refuses a token signed with another key, as the broker does', () => {
    const token = signVizierJwt({ signingKey: 'another-clusters-key', now: NOW });
    assert.equal(refusal(() => verifyVizierJwt(token, KEY, { now: NOW })), 'signature');
  });

  it('refuses an expired token and one not valid yet', () => {
    const token = signVizierJwt({ signingKey: KEY, now: NOW });
    assert.equal(refusal(() => verifyVizierJwt(token, KEY, { now: NOW + 600 })), 'expired');
    assert.equal(refusal(() => verifyVizierJwt(token, KEY, { now: NOW - 3600 })), 'not-yet-valid');
  });

  it('refuses another audience, alg none and a tampered body', () => {
    const claims = decode(signVizierJwt({ signingKey: KEY, now: NOW })).claims;
    assert.equal(refusal(() => verifyVizierJwt(resign({ ...claims, aud: 'withpixie.ai' }), KEY, { now: NOW })), 'audience');
    assert.equal(refusal(() => verifyVizierJwt(resign(claims, KEY, 'none'), KEY, { now: NOW })), 'algorithm');
    const [h, , s] = signVizierJwt({ signingKey: KEY, now: NOW }).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, ServiceID: 'admin' })).toString('base64url');
    assert.equal(refusal(() => verifyVizierJwt(`${h}.${forged}.${s}`, KEY, { now: NOW })), 'signature');
  });

  it('refuses malformed tokens and service claims without an id', () => {
    assert.equal(refusal(() => verifyVizierJwt('not-a-jwt', KEY)), 'malformed');
    assert.equal(refusal(() => verifyVizierJwt('a.b.c', KEY)), 'malformed');
    const claims = decode(signVizierJwt({ signingKey: KEY, now: NOW })).claims;
    assert.equal(refusal(() => verifyVizierJwt(resign({ ...claims, ServiceID: undefined }), KEY, { now: NOW })), 'claims');
  });

  it('renews the token before it expires, and not before', () => {
    let now = NOW;
    const next = vizierTokenSource(KEY, 120, () => now);
    const first = next();
    now += 300;
    assert.equal(next(), first);
    now += 200; // 100 s left: inside the renewal margin
    const renewed = next();
    assert.notEqual(renewed, first);
    assert.doesNotThrow(() => verifyVizierJwt(renewed, KEY, { now: now + 400 }));
  });

  it('will not sign with an empty key', () => {
    assert.throws(() => signVizierJwt({ signingKey: '' }), /jwt-signing-key is empty/);
  });
});
