/** The emulator's NHN control API (`/__emulator/nhncloud/...`): appkeys, certificates, seeding, modes, tokens. */

import { currentModes, modeProblem, readSettings, setModes } from "../modes";
import { parseJson } from "../server";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import type { Json } from "./envelopes";
import { ensureFixedSet } from "./fixedSet";
import { checkAddCertificate, upsertCertificate } from "./seed";
import { seedSynthetic } from "./synthetic";
import {
  DEFAULT_NHN_APPKEY,
  DEFAULT_TOKEN_TTL_SECONDS,
  MIN_TOKEN_TTL_SECONDS,
  NHN_MODE_CHOICES,
  nhnWorld,
} from "./world";

// Emulator choice (undocumented): a control seed is capped so a typo cannot fill the disk.
const MAX_SEED = 200_000;
const bad = (error: string, status = 400): EmulatorResponse => ({ status, body: { error } });

export async function nhnControl(
  req: EmulatorRequest,
  subpath: string,
  ctx: EmulatorContext,
): Promise<EmulatorResponse | undefined> {
  const parsed = parseJson(req.body);
  const body = (parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : {}) as Json;
  const appKeyOf = (v: unknown) => (typeof v === "string" && v !== "" ? v : DEFAULT_NHN_APPKEY);
  const unknownAppKey = (appKey: string) => bad(`unknown appKey ${appKey}; add it with POST appkeys first`, 404);

  switch (`${req.method} ${subpath}`) {
    case "GET certificates": {
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(req.url.searchParams.get("appKey"));
      return ctx.store.read((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) return unknownAppKey(appKey);
        return { status: 200, body: { appKey, certificates: slice.appKeys[appKey].certificates } };
      });
    }
    case "POST seed": {
      const count = body.count;
      if (typeof count !== "number" || !Number.isInteger(count) || count < 0 || count > MAX_SEED) {
        return bad(`seed needs {count: integer 0..${MAX_SEED}, appKey?}`);
      }
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(body.appKey);
      const started = Date.now();
      return ctx.store.update(async (w) => {
        if (!Object.hasOwn(nhnWorld(w).appKeys, appKey)) return unknownAppKey(appKey);
        const result = await seedSynthetic(w, appKey, count, ctx.store.now());
        return { status: 200, body: { ...result, elapsedMs: Date.now() - started } };
      });
    }
    case "POST add-certificate": {
      const input = checkAddCertificate(body);
      if (typeof input === "string") return bad(input);
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(input.appKey);
      return ctx.store.update((w) => {
        if (!Object.hasOwn(nhnWorld(w).appKeys, appKey)) return unknownAppKey(appKey);
        return { status: 200, body: upsertCertificate(w, appKey, input, ctx.store.now()) };
      });
    }
    case "POST delete-certificate": {
      if (typeof body.certificateName !== "string") return bad("delete-certificate needs {certificateName, appKey?}");
      await ensureFixedSet(ctx.store);
      const appKey = appKeyOf(body.appKey);
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) return unknownAppKey(appKey);
        const list = slice.appKeys[appKey].certificates;
        const i = list.findIndex((c) => c.certificateName === body.certificateName);
        if (i < 0) return bad(`no certificate ${body.certificateName} under ${appKey}`, 404);
        return { status: 200, body: list.splice(i, 1)[0] };
      });
    }
    case "POST user-access-keys": {
      const { userAccessKeyId, secretAccessKey } = body;
      const ttl = body.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS;
      if (typeof userAccessKeyId !== "string" || userAccessKeyId === "" || typeof secretAccessKey !== "string") {
        return bad("user-access-keys needs {userAccessKeyId, secretAccessKey, tokenTtlSeconds?}");
      }
      if (typeof ttl !== "number" || !Number.isInteger(ttl) || ttl < MIN_TOKEN_TTL_SECONDS || ttl > 86_400) {
        return bad(`tokenTtlSeconds must be an integer from ${MIN_TOKEN_TTL_SECONDS} to 86400 (§3)`);
      }
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        const record = { userAccessKeyId, secretAccessKey, tokenTtlSeconds: ttl };
        slice.userAccessKeys = [...slice.userAccessKeys.filter((k) => k.userAccessKeyId !== userAccessKeyId), record];
        return { status: 200, body: record };
      });
    }
    case "POST appkeys": {
      if (typeof body.appKey !== "string" || body.appKey === "") return bad("appkeys needs {appKey}");
      const appKey = body.appKey;
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        if (!Object.hasOwn(slice.appKeys, appKey)) slice.appKeys[appKey] = { certificates: [] };
        return { status: 200, body: { appKey, appKeys: Object.keys(slice.appKeys) } };
      });
    }
    case "PUT settings": {
      const read = readSettings(req.body, Object.keys(NHN_MODE_CHOICES));
      if ("problem" in read) return bad(read.problem);
      const problem = modeProblem(read.body, NHN_MODE_CHOICES);
      if (problem) return bad(problem);
      return ctx.store.update((w) => {
        const slice = nhnWorld(w);
        setModes(slice, read.body, NHN_MODE_CHOICES);
        return { status: 200, body: currentModes(slice, NHN_MODE_CHOICES) };
      });
    }
    case "POST revoke-tokens": {
      const only = typeof body.userAccessKeyId === "string" ? body.userAccessKeyId : undefined;
      return ctx.store.update((w) => {
        let revoked = 0;
        for (const token of Object.values(nhnWorld(w).tokens)) {
          if (!token.revoked && (!only || token.userAccessKeyId === only)) {
            token.revoked = true;
            revoked++;
          }
        }
        return { status: 200, body: { revoked } };
      });
    }
    default:
      return undefined;
  }
}
