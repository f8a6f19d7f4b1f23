import { JWTPayload, createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';

import { AuthConfig } from '../../config/configuration';

export type VerifyOutcome = { ok: true; claims: JWTPayload } | { ok: false; reason: string };

/**
 * Verifies bearer tokens: HS256 with a shared secret, or RS256/ES256 with keys from a JWKS endpoint.
 * Signature, `exp` and `nbf` are always checked; `iss` and `aud` when configured.
 */
export class JwtVerifier {
  private readonly key: Uint8Array | ReturnType<typeof createRemoteJWKSet>;
  private readonly algorithms: string[];

  constructor(private readonly config: AuthConfig) {
    if (config.jwtSecret) {
      this.key = new TextEncoder().encode(config.jwtSecret);
      this.algorithms = ['HS256'];
    } else {
      this.key = createRemoteJWKSet(new URL(config.jwksUrl!));
      this.algorithms = ['RS256', 'ES256'];
    }
  }

  async verify(token: string): Promise<VerifyOutcome> {
    try {
      const options = { algorithms: this.algorithms, issuer: this.config.issuer, audience: this.config.audience, clockTolerance: 5 };
      const { payload } =
        this.key instanceof Uint8Array ? await jwtVerify(token, this.key, options) : await jwtVerify(token, this.key, options);
      return { ok: true, claims: payload };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) return { ok: false, reason: 'the token has expired' };
      if (error instanceof joseErrors.JWTClaimValidationFailed) return { ok: false, reason: `the token's ${error.claim} claim is not accepted` };
      return { ok: false, reason: 'the token is not valid' };
    }
  }
}
