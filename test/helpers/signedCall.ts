/** A raw NCP call signed with signature v2, to send the emulator what the production client never would. */
import type { RunningEmulator } from "../../provider/emulator";
import { authHeaders } from "../../provider/ncloud/api/signature";

export async function signedCall(
  emulator: RunningEmulator,
  method: string,
  pathWithQuery: string,
  body?: unknown,
  sign = emulator.ncloudCredentials,
) {
  const headers = {
    ...authHeaders({ method, pathWithQuery, timestamp: String(Date.now()), ...sign }),
    ...(body === undefined ? {} : { "content-type": "application/json" }),
  };
  const res = await fetch(`${emulator.url}${pathWithQuery}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: text ? JSON.parse(text) : undefined };
}
