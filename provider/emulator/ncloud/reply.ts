/**
 * The NCP API's envelopes and the request helpers every emulated endpoint shares: success and the two failure shapes
 * (200 + returnCode, 400 + 2000/2100), the JSON body, a certificate number from the path, paging, and a world whose
 * time-driven changes (auto-issue, expiry) are applied before a handler sees it.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { parseJson } from "../server";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { applyDueChanges, dueChanges } from "./lifecycle";
import { type CertificateRecord, type NcloudWorld, ncloudWorld } from "./world";

export type Json = Record<string, unknown>;

export class Reply {
  static ok(body: Json = {}, extra: Json = {}): EmulatorResponse {
    return endpoint(200, { returnCode: "0", returnMessage: "Success", ...extra, ...body });
  }
  /** Business failure: HTTP 200 with a non-zero returnCode. */
  static fail(returnCode: string, returnMessage: string): EmulatorResponse {
    return endpoint(200, { returnCode, returnMessage, totalRows: 0 });
  }
  /** Input-validation failure: HTTP 400 with returnCode 2000 / 2100. */
  static invalid(returnMessage: string, returnCode = "2100"): EmulatorResponse {
    return endpoint(400, { returnCode, returnMessage });
  }
}

function endpoint(status: number, body: Json): EmulatorResponse {
  return {
    status,
    headers: {
      "x-ncp-apigw-request-id": randomUUID(),
      "x-ncp-trace-id": randomBytes(8).toString("hex"),
      "x-ncp-apigw-response-origin": "ENDPOINT",
    },
    body,
  };
}

export function jsonBody(req: EmulatorRequest): Json | undefined {
  const v = parseJson(req.body);
  return v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined;
}

export function parseNo(raw: string): number | undefined {
  return /^\d+$/.test(raw) ? Number(raw) : undefined;
}

export function findLive(ncp: NcloudWorld, no: number): CertificateRecord | undefined {
  return ncp.certificates.find((c) => c.certificateNo === no && c.statusCode !== "-6");
}

export function readPaging(req: EmulatorRequest): { page: number; pageSize: number } | EmulatorResponse {
  const rawPage = req.url.searchParams.get("page");
  const rawSize = req.url.searchParams.get("pageSize");
  // Defaults are unconfirmed in NCP's docs; the client always sends both.
  const page = rawPage === null ? 1 : Number(rawPage);
  const pageSize = rawSize === null ? 20 : Number(rawSize);
  if (!Number.isInteger(page) || page < 1) return Reply.invalid("page must be a positive integer.");
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) {
    return Reply.invalid("pageSize must be an integer from 1 to 1000.");
  }
  return { page, pageSize };
}

/**
 * Runs `fn` on a world where time-driven changes (auto-issue, expiry) are applied first. Reads take the cheap
 * read path unless something is due; `mutates` forces an update.
 */
export async function withCurrentWorld(
  ctx: EmulatorContext,
  fn: (ncp: NcloudWorld) => EmulatorResponse,
  opts: { mutates?: boolean } = {},
): Promise<EmulatorResponse> {
  const due = await ctx.store.read((w) => dueChanges(w, ctx.store.now()));
  if (!opts.mutates && !due) return ctx.store.read((w) => fn(ncloudWorld(w)));
  return ctx.store.update(async (w) => {
    await applyDueChanges(w, ctx.store.now());
    return fn(ncloudWorld(w));
  });
}
