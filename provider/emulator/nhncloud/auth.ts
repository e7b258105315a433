/**
 * NHN authentication as the emulator checks it: User Access Key headers (v1.1), Bearer tokens from the token call
 * (v1.3), and the token call itself (create and revoke, Basic client credentials, RFC 6749 errors).
 */
import { randomBytes } from "node:crypto";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import type { CmRoute } from "./api";
import { envelope, oauthError } from "./envelopes";
import { DEFAULT_TOKEN_TTL_SECONDS, type NhnWorld, nhnWorld } from "./world";

export async function authenticate(
  req: EmulatorRequest,
  ctx: EmulatorContext,
  route: CmRoute,
): Promise<EmulatorResponse | undefined> {
  const now = ctx.store.now();
  const verdict = await ctx.store.read((w) => {
    const slice = nhnWorld(w);
    // Emulator choice (undocumented, §13 #6): an unknown appkey → HTTP 401, resultCode -6 (the Framework API's
    // "unauthorised caller" code). Checked before the version's credentials.
    const known = route.appKey !== undefined && Object.hasOwn(slice.appKeys, route.appKey);
    // Mode (notes §13 #6): an unknown appkey may list as an empty account instead.
    if (!known && !(route.kind === "list" && route.appKey && slice.unknownAppKeyAnswer === "empty")) return "appkey";
    if (route.version === 1) return checkUserAccessKeyHeaders(slice, req) ? undefined : "v1.1";
    if (route.version === 3) return checkBearer(slice, req, now) ? undefined : "v1.3";
    return undefined;
  });
  switch (verdict) {
    case "appkey":
      return envelope(401, -6, "Unauthorized appkey.");
    case "v1.1":
      // Emulator choice (undocumented, §8): missing or wrong X-TC-AUTHENTICATION-* → HTTP 401, resultCode -6.
      return envelope(401, -6, "Invalid X-TC-AUTHENTICATION-ID or X-TC-AUTHENTICATION-SECRET.");
    case "v1.3": {
      // Missing, unknown, expired or revoked token: undocumented (§3, §13 #7). Default HTTP 401 with resultCode
      // 80007 (the Framework API's token code); the badTokenAnswer mode gives the draft's 52010 or a bare 401.
      const answer = await ctx.store.read((w) => nhnWorld(w).badTokenAnswer ?? "80007");
      if (answer === "52010") return envelope(200, 52010, "Token authentication failed.");
      if (answer === "plain401")
        return { status: 401, headers: { "content-type": "text/plain" }, body: "Unauthorized" };
      return envelope(401, 80007, "Expired or nonexistent token.");
    }
    default:
      return undefined;
  }
}

// Emulator choice (undocumented): any registered User Access Key may use any appkey (no RBAC roles emulated).
function checkUserAccessKeyHeaders(slice: NhnWorld, req: EmulatorRequest): boolean {
  const id = req.headers["x-tc-authentication-id"];
  const secret = req.headers["x-tc-authentication-secret"];
  return slice.userAccessKeys.some((k) => k.userAccessKeyId === id && k.secretAccessKey === secret);
}

function checkBearer(slice: NhnWorld, req: EmulatorRequest, now: number): boolean {
  // Header names arrive lower-cased, so `X-NHN-Authorization` and `X-NHN-AUTHORIZATION` both match.
  const m = /^Bearer\s+(\S+)\s*$/i.exec(req.headers["x-nhn-authorization"] ?? "");
  if (!m || !Object.hasOwn(slice.tokens, m[1])) return false;
  const token = slice.tokens[m[1]];
  return !token.revoked && token.expiresAtMs > now;
}

/** The User Access Key named by `Authorization: Basic base64(id:secret)`, if it is a registered one. */
function basicClient(slice: NhnWorld, req: EmulatorRequest): string | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(req.headers.authorization ?? "");
  if (!m) return undefined;
  const decoded = Buffer.from(m[1], "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return undefined;
  const id = decoded.slice(0, colon);
  const secret = decoded.slice(colon + 1);
  return slice.userAccessKeys.find((k) => k.userAccessKeyId === id && k.secretAccessKey === secret)?.userAccessKeyId;
}

function formBody(req: EmulatorRequest): URLSearchParams | undefined {
  const type = (req.headers["content-type"] ?? "").toLowerCase();
  if (!type.startsWith("application/x-www-form-urlencoded")) return undefined;
  return new URLSearchParams(req.body.toString("utf8"));
}

export async function createToken(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  const now = ctx.store.now();
  return ctx.store.update((w) => {
    const slice = nhnWorld(w);
    // Client authentication first (RFC 6749 §5.2: invalid_client → 401 with WWW-Authenticate). Emulator choice
    // (undocumented): only HTTP Basic, as NHN documents; credentials in the form body are not accepted.
    const keyId = basicClient(slice, req);
    if (!keyId) return oauthError(401, "invalid_client");
    const form = formBody(req);
    const grant = form?.get("grant_type");
    if (!form || !grant) return oauthError(400, "invalid_request");
    if (grant !== "client_credentials") return oauthError(400, "unsupported_grant_type");
    const key = slice.userAccessKeys.find((k) => k.userAccessKeyId === keyId);
    const ttl = key?.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
    // Expired tokens answer the same 80007 as unknown ones, so they need not be kept.
    for (const [t, rec] of Object.entries(slice.tokens)) if (rec.expiresAtMs <= now) delete slice.tokens[t];
    const accessToken = randomBytes(32).toString("base64url");
    slice.tokens[accessToken] = {
      userAccessKeyId: keyId,
      issuedAtMs: now,
      expiresAtMs: now + ttl * 1000,
      revoked: false,
    };
    return {
      status: 200,
      headers: { "cache-control": "no-store", pragma: "no-cache" },
      body: { access_token: accessToken, token_type: "Bearer", expires_in: ttl },
    };
  });
}

/** `POST /oauth2/token/revoke` (§3). Emulator choice (undocumented): 200 with an empty body, as RFC 7009 §2.2. */
export async function revokeToken(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  return ctx.store.update((w) => {
    const slice = nhnWorld(w);
    const keyId = basicClient(slice, req);
    if (!keyId) return oauthError(401, "invalid_client");
    const token = formBody(req)?.get("token");
    if (!token) return oauthError(400, "invalid_request");
    const rec = Object.hasOwn(slice.tokens, token) ? slice.tokens[token] : undefined;
    if (rec && rec.userAccessKeyId === keyId) rec.revoked = true;
    return { status: 200, headers: { "cache-control": "no-store" }, body: "" };
  });
}
