/** The NHN API's answers: the JSON envelope, its documented failure codes, and the token call's OAuth errors. */
import type { EmulatorResponse } from "../types";

export type Json = Record<string, unknown>;

export const MESSAGES = {
  52000: "Certificate name does not exist.",
  52001: "Certificate file does not exist.",
  52002: "There are more than one certificate file.",
  52005: "Certificate file has expired",
  52009: "Certificate id does not exist.",
} as const;

export function envelope(
  status: number,
  resultCode: number,
  resultMessage: string,
  body: unknown = {},
): EmulatorResponse {
  return {
    status,
    headers: { "content-type": "application/json;charset=UTF-8" },
    body: { header: { resultCode, resultMessage, isSuccessful: resultCode === 0 }, body },
  };
}

export const success = (body: unknown) => envelope(200, 0, "SUCCESS", body);
const NOT_FOUND_CODES = new Set([52000, 52001, 52009]);
/**
 * NHN's habit: business failures come back with HTTP 200 (§6.4); only 52009 has a documented status (404). The
 * `failureStatus: "4xx"` mode answers them with a 4xx instead (§13 #5: the statuses are undocumented).
 */
export const failure = (code: keyof typeof MESSAGES, failureStatus: "200" | "4xx" = "200") =>
  envelope(
    code === 52009 || failureStatus === "200" ? (code === 52009 ? 404 : 200) : NOT_FOUND_CODES.has(code) ? 404 : 400,
    code,
    MESSAGES[code],
  );
// Emulator choice (undocumented): bad list parameters → HTTP 400 with resultCode 400 (the Framework API's
// "bad parameters" code, §4).
export const badParameter = (message: string) => envelope(400, 400, message);
// Emulator choice (undocumented): unknown paths/methods → HTTP 404 with resultCode 404 (Framework API, §4).
export const notFound = () => envelope(404, 404, "Not Found");

/** RFC 6749 §5.2 error body for the token call. */
export function oauthError(status: number, error: string): EmulatorResponse {
  const headers: Record<string, string> = { "cache-control": "no-store", pragma: "no-cache" };
  if (status === 401) headers["www-authenticate"] = 'Basic realm="oauth"';
  return { status, headers, body: { error } };
}
