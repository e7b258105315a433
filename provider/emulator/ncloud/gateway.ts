/**
 * NCP's API Gateway as every emulated NCP API sees it: signature v2 with the 5-minute window (the key pairs live in
 * the NCP world, shared by Certificate Manager and Global DNS, as in NCP), and the gateway's own error bodies.
 */
import { randomUUID } from "node:crypto";
import { signV2 } from "../../ncloud/api/signature";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { ncloudWorld } from "./world";

const TIMESTAMP_WINDOW_MS = 5 * 60 * 1000;

export function gateway(status: number, errorCode: string, message: string, details?: string): EmulatorResponse {
  return {
    status,
    headers: { "x-ncp-apigw-request-id": randomUUID(), "x-ncp-apigw-response-origin": "APIGW" },
    body: { error: { errorCode, message, ...(details ? { details } : {}) } },
  };
}

export const GATEWAY_ERRORS: Record<number, [string, string]> = {
  400: ["100", "Bad Request Exception"],
  401: ["200", "Authentication Failed"],
  403: ["230", "Forbidden"],
  404: ["300", "Not Found Exception"],
  413: ["430", "Request Entity Too Large"],
  429: ["420", "Rate Limited"],
  500: ["900", "Unexpected Error"],
  503: ["500", "Endpoint Error"],
  504: ["510", "Endpoint Timeout"],
};
export const GATEWAY_MESSAGES_BY_CODE: Record<string, string> = {
  "400": "Quota Exceeded",
  "410": "Throttle Limited",
  "420": "Rate Limited",
};

/** The gateway's body for an injected failure of this HTTP status (fault injection). */
export function gatewayFault(status: number, code?: string): EmulatorResponse {
  if (status === 429) {
    const c = code ?? "420";
    return gateway(429, c, GATEWAY_MESSAGES_BY_CODE[c] ?? "Rate Limited");
  }
  const [c, message] = GATEWAY_ERRORS[status] ?? ["900", "Unexpected Error"];
  return gateway(status, code ?? c, message);
}

/**
 * Undefined when the three signature headers are present, fresh and right; else the gateway's refusal. A sub-account
 * key gets Certificate Manager 2.0's empty 403 unless the API takes them (`acceptSubAccountKeys`: Global DNS).
 */
export async function authenticate(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  options: { acceptSubAccountKeys?: boolean } = {},
): Promise<EmulatorResponse | undefined> {
  const timestamp = req.headers["x-ncp-apigw-timestamp"];
  const accessKey = req.headers["x-ncp-iam-access-key"];
  const signature = req.headers["x-ncp-apigw-signature-v2"];
  const fail = (details: string) => gateway(401, "200", "Authentication Failed", details);
  if (!timestamp || !accessKey || !signature) return fail("Required authentication header is missing.");
  if (!/^\d{13}$/.test(timestamp)) return fail("Invalid timestamp.");
  if (Math.abs(ctx.store.gatewayNow() - Number(timestamp)) >= TIMESTAMP_WINDOW_MS) {
    return fail("The timestamp is outside the allowed 5 minute window.");
  }
  const key = await ctx.store.read((w) => ncloudWorld(w).accessKeys.find((k) => k.accessKey === accessKey));
  if (!key) return fail("Invalid access key.");
  const expected = signV2({
    method: req.method,
    pathWithQuery: req.rawUrl,
    timestamp,
    accessKey,
    secretKey: key.secretKey,
  });
  if (expected !== signature) return fail("Signature mismatch.");
  if (key.subAccount && !options.acceptSubAccountKeys)
    return { status: 403, headers: { "x-ncp-apigw-response-origin": "ENDPOINT" }, body: "" };
  return undefined;
}
