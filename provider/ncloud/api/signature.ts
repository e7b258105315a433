/**
 * NCP API Gateway signature v2.
 *
 * String to sign: `METHOD + " " + pathWithQuery + "\n" + timestamp + "\n" + accessKey`, HMAC-SHA256 with the secret
 * key, standard Base64. `pathWithQuery` is the request URI exactly as sent (absolute path including `/api/v2`, then
 * `?` and the already-encoded query), so callers must sign the same string they put on the wire.
 */
import { createHmac } from "node:crypto";

export interface SignatureInput {
  method: string;
  pathWithQuery: string;
  timestamp: string;
  accessKey: string;
  secretKey: string;
}

export function stringToSign(input: Omit<SignatureInput, "secretKey">): string {
  return `${input.method.toUpperCase()} ${input.pathWithQuery}\n${input.timestamp}\n${input.accessKey}`;
}

export function signV2(input: SignatureInput): string {
  return createHmac("sha256", input.secretKey).update(stringToSign(input), "utf8").digest("base64");
}

/** The three authentication headers NCP expects on every call. */
export function authHeaders(input: SignatureInput): Record<string, string> {
  return {
    "x-ncp-apigw-timestamp": input.timestamp,
    "x-ncp-iam-access-key": input.accessKey,
    "x-ncp-apigw-signature-v2": signV2(input),
  };
}
