/**
 * Whether a private key's parts agree. A key damaged in copying can still parse: OpenSSL signs RSA with the CRT
 * parts and falls back to d when they disagree, so a signature alone proves nothing. A certificate ordered for the
 * public half of such a key is paid for and useless, so the parts are checked arithmetically (RSA) or by a
 * signature the public half must verify (EC, where a SEC1 key carries its public point).
 */
import * as crypto from "node:crypto";

/** A sentence saying what disagrees, or undefined when the key is consistent. */
export function keyInconsistency(key: crypto.KeyObject): string | undefined {
  if (key.asymmetricKeyType === "rsa") return rsaInconsistency(key.export({ format: "jwk" }));
  const data = Buffer.from("pulumi-certmanager-kr key check");
  const signature = crypto.sign(null, data, key);
  return crypto.verify(null, data, crypto.createPublicKey(key), signature)
    ? undefined
    : "its public point does not belong to its private value";
}

function rsaInconsistency(jwk: crypto.JsonWebKey): string | undefined {
  const big = (v: string | undefined) => (v ? BigInt(`0x${Buffer.from(v, "base64url").toString("hex") || "0"}`) : 0n);
  const [n, e, d, p, q, dp, dq, qi] = [jwk.n, jwk.e, jwk.d, jwk.p, jwk.q, jwk.dp, jwk.dq, jwk.qi].map(big);
  if (p === 0n || q === 0n) return undefined; // no CRT parts to compare (rare): nothing to check against
  if (p * q !== n) return "its modulus is not the product of its primes";
  if (d % (p - 1n) !== dp || d % (q - 1n) !== dq) return "its private exponent disagrees with its CRT exponents";
  if ((e * dp) % (p - 1n) !== 1n || (e * dq) % (q - 1n) !== 1n) return "its exponents do not invert each other";
  if ((q * qi) % p !== 1n) return "its CRT coefficient is wrong";
  return undefined;
}
