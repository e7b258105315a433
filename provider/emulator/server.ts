/**
 * The emulator's HTTP core: one loopback server hosting every API plug-in, plus a control API under
 * `/__emulator/` (a prefix no real API uses) for tests: request log, latency, faults, clock, and per-API controls.
 */
import * as http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { StateStore } from "./store";
import {
  type EmulatorApi,
  type EmulatorContext,
  type EmulatorRequest,
  type EmulatorResponse,
  FAULT_KINDS,
  type FaultRule,
  type RequestLogEntry,
} from "./types";

export const CONTROL_PREFIX = "/__emulator";
const MAX_BODY_BYTES = 2 * 1024 * 1024;
const MAX_LOG_ENTRIES = 50_000;

export interface EmulatorServerOptions {
  apis: EmulatorApi[];
  store: StateStore;
  host?: string;
  port?: number;
}

export class EmulatorServer {
  readonly store: StateStore;
  private readonly apis: EmulatorApi[];
  private readonly server: http.Server;
  private readonly sockets = new Set<Socket>();
  private faults: (FaultRule & { remaining: number })[] = [];
  /** Requests a `lateCommit` fault held back, processed before the next request of their API and operation. */
  private lateCommits: { api: string; operation: string; handle: () => Promise<unknown> }[] = [];
  private latencyMs = 0;
  private log: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly options: EmulatorServerOptions) {
    this.store = options.store;
    this.apis = options.apis;
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        if (!res.headersSent) {
          res.writeHead(500, { "content-type": "text/plain" });
          res.end(`emulator internal error: ${(err as Error).stack ?? err}`);
        } else {
          res.destroy();
        }
      });
    });
    this.server.keepAliveTimeout = 60_000;
    this.server.on("connection", (socket) => {
      this.sockets.add(socket);
      socket.on("close", () => this.sockets.delete(socket));
    });
  }

  async listen(): Promise<{ url: string; port: number }> {
    const host = this.options.host ?? "127.0.0.1";
    await new Promise<void>((resolve, reject) => {
      this.server.once("error", reject);
      this.server.listen(this.options.port ?? 0, host, () => resolve());
    });
    const port = (this.server.address() as AddressInfo).port;
    return { url: `http://${host}:${port}`, port };
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const body = await readBody(req);
    const rawUrl = req.url ?? "/";
    const request: EmulatorRequest = {
      method: (req.method ?? "GET").toUpperCase(),
      rawUrl,
      url: new URL(rawUrl, "http://emulator.invalid"),
      headers: lowerCaseHeaders(req.headers),
      body,
    };
    const ctx: EmulatorContext = { store: this.store };

    if (request.url.pathname === CONTROL_PREFIX || request.url.pathname.startsWith(`${CONTROL_PREFIX}/`)) {
      const out = await this.control(request, ctx);
      send(res, out);
      return;
    }

    const api = this.apis.find((a) => a.owns(request.url.pathname));
    if (!api) {
      send(res, { status: 404, body: { error: "no emulated API serves this path" } });
      return;
    }
    const route = api.route(request, ctx);
    const entry: RequestLogEntry = {
      seq: ++this.seq,
      at: new Date().toISOString(),
      api: api.name,
      operation: route.operation,
      method: request.method,
      path: request.url.pathname,
      status: 0,
    };
    this.pushLog(entry);
    if (this.latencyMs > 0) await sleep(this.latencyMs);

    await this.runLateCommits(api.name, route.operation);
    const fault = this.takeFault(api.name, route.operation, request.method);
    if (fault) entry.fault = fault.kind;
    switch (fault?.kind) {
      case "lateCommit":
        entry.status = "reset";
        req.socket.destroy();
        if (fault.delayMs !== undefined) setTimeout(() => route.handle().catch(() => undefined), fault.delayMs);
        else this.lateCommits.push({ api: api.name, operation: route.operation, handle: () => route.handle() });
        return;
      case "resetBeforeCommit":
        entry.status = "reset";
        req.socket.destroy();
        return;
      case "status": {
        const out = api.faultResponse(fault.status ?? 503, fault.errorCode);
        entry.status = out.status;
        send(res, out);
        return;
      }
      case "rateLimit": {
        const out = api.faultResponse(429, fault.errorCode);
        out.headers = { ...out.headers, "retry-after": String(fault.retryAfterSeconds ?? 1) };
        entry.status = 429;
        send(res, out);
        return;
      }
      case "garbage":
        entry.status = 200;
        send(res, { status: 200, headers: { "content-type": "application/json" }, body: "\u0000\u00ffnot json{{" });
        return;
      case "html": {
        const status = fault.status ?? 502;
        const title = `${status} ${http.STATUS_CODES[status] ?? "Error"}`;
        // echoPath: like the proxy error pages that quote the request, appkey in the path included.
        const echo = fault.echoPath ? `<p>The requested URL ${request.rawUrl} could not be served.</p>` : "";
        entry.status = status;
        send(res, {
          status,
          headers: { "content-type": "text/html" },
          body: `<html><head><title>${title}</title></head><body><h1>${title}</h1>${echo}</body></html>`,
        });
        return;
      }
      case "oversizeFile": {
        const bytes = fault.bytes ?? 600 * 1024;
        const head = "-----BEGIN CERTIFICATE-----\n";
        entry.status = 200;
        send(res, {
          status: 200,
          headers: {
            "content-type": "application/octet-stream",
            "content-disposition": 'attachment; filename="big.pem"',
          },
          body: Buffer.from(head + "A".repeat(Math.max(0, bytes - head.length))),
        });
        return;
      }
      case "refuse": {
        const out = api.refusalResponse
          ? api.refusalResponse(fault.status ?? 200, fault.errorCode ?? "1000", fault.message ?? "Refused.")
          : {
              status: 500,
              body: { error: `the emulator's ${api.name} API has no refusal envelope for a refuse fault` },
            };
        entry.status = out.status;
        send(res, out);
        return;
      }
      case "empty403":
        entry.status = 403;
        send(res, { status: 403, headers: { "x-ncp-apigw-response-origin": "ENDPOINT" }, body: "" });
        return;
      default:
        break;
    }

    const out = await route.handle();
    entry.status = out.status;
    if (fault?.kind === "resetAfterCommit") {
      entry.status = "reset";
      req.socket.destroy();
      return;
    }
    if (fault?.kind === "controlAfter") await this.runControlCalls(fault, ctx, entry);
    if (fault?.kind === "slow") await sleep(fault.delayMs ?? 5_000);
    if (fault?.kind === "patchBody" && out.body && typeof out.body === "object" && !Buffer.isBuffer(out.body)) {
      out.body = mergePatch(out.body as Record<string, unknown>, fault.patch ?? {});
      if (fault.status !== undefined) out.status = entry.status = fault.status;
    }
    send(res, out, this.store.gatewayNow());
  }

  /** A `controlAfter` fault's calls, in order; one that fails fails the request (500), never silently. */
  private async runControlCalls(fault: FaultRule, ctx: EmulatorContext, entry: RequestLogEntry): Promise<void> {
    for (const call of fault.control ?? []) {
      const path = `${CONTROL_PREFIX}/${call.path.replace(/^\/+/, "")}`;
      const out = await this.control(
        {
          method: call.method.toUpperCase(),
          rawUrl: path,
          url: new URL(path, "http://emulator.invalid"),
          headers: {},
          body: call.body === undefined ? Buffer.alloc(0) : Buffer.from(JSON.stringify(call.body), "utf8"),
        },
        ctx,
      );
      if (out.status >= 300) {
        entry.status = 500;
        throw new Error(
          `controlAfter fault: ${call.method} ${call.path} failed: HTTP ${out.status} ${JSON.stringify(out.body)}`,
        );
      }
    }
  }

  private async runLateCommits(api: string, operation: string): Promise<void> {
    const due = this.lateCommits.filter((l) => l.api === api && l.operation === operation);
    this.lateCommits = this.lateCommits.filter((l) => !due.includes(l));
    for (const l of due) await l.handle().catch(() => undefined);
  }

  private takeFault(api: string, operation: string, method: string): FaultRule | undefined {
    const i = this.faults.findIndex(
      (f) =>
        (!f.api || f.api === api) &&
        (!f.operation || f.operation === operation) &&
        (!f.method || f.method.toUpperCase() === method),
    );
    if (i < 0) return undefined;
    const f = this.faults[i];
    if (f.skip) {
      f.skip -= 1;
      return undefined;
    }
    if (f.remaining > 0) {
      f.remaining -= 1;
      if (f.remaining === 0) this.faults.splice(i, 1);
    }
    return f;
  }

  private pushLog(entry: RequestLogEntry): void {
    this.log.push(entry);
    if (this.log.length > MAX_LOG_ENTRIES) this.log.splice(0, this.log.length - MAX_LOG_ENTRIES);
  }

  private async control(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
    const sub = req.url.pathname.slice(CONTROL_PREFIX.length).replace(/^\/+/, "");
    const json = () => parseJson(req.body);
    const key = `${req.method} ${sub}`;
    switch (key) {
      case "GET health":
        return ok({ status: "ok", apis: this.apis.map((a) => a.name) });
      case "GET requests":
        return ok({ requests: this.log });
      case "DELETE requests":
        this.log = [];
        return ok({});
      case "GET faults":
        return ok({ faults: this.faults });
      case "POST faults": {
        const rule = json() as FaultRule;
        if (!rule || !FAULT_KINDS.includes(rule.kind)) {
          return { status: 400, body: { error: `fault kind must be one of ${FAULT_KINDS.join(", ")}` } };
        }
        const calls = rule.control;
        const callsOk =
          Array.isArray(calls) &&
          calls.length > 0 &&
          calls.every((c) => c && typeof c.method === "string" && typeof c.path === "string" && c.path !== "");
        if ((rule.kind === "controlAfter") !== (calls !== undefined) || (calls !== undefined && !callsOk)) {
          return {
            status: 400,
            body: { error: "a controlAfter fault needs control: [{method, path, body?}, ...], and only it takes one" },
          };
        }
        this.faults.push({ ...rule, remaining: rule.times ?? 1 });
        return ok({ faults: this.faults });
      }
      case "DELETE faults":
        this.faults = [];
        this.lateCommits = [];
        return ok({});
      case "PUT latency": {
        const ms = Number((json() as { ms?: unknown })?.ms);
        if (!Number.isFinite(ms) || ms < 0) return { status: 400, body: { error: "latency needs {ms: number >= 0}" } };
        this.latencyMs = ms;
        return ok({ ms });
      }
      case "GET clock":
        return ok(
          await ctx.store.read((w) => ({ offsetMs: w.clockOffsetMs, now: new Date(ctx.store.now()).toISOString() })),
        );
      case "PUT clock": {
        const body = json() as { offsetMs?: unknown; certificatesOnly?: unknown };
        const offsetMs = Number(body?.offsetMs);
        if (!Number.isFinite(offsetMs)) return { status: 400, body: { error: "clock needs {offsetMs: number}" } };
        await ctx.store.update((w) => {
          w.clockOffsetMs = offsetMs;
          // certificatesOnly: age certificates while the gateway keeps real time (requests stay valid).
          w.gatewayClockOffsetMs = body.certificatesOnly === true ? 0 : undefined;
        });
        return ok({ offsetMs });
      }
      case "GET state":
        return ok(await ctx.store.read((w) => ({ ...w, ca: w.ca ? { present: true } : undefined })));
      default:
        break;
    }
    const slash = sub.indexOf("/");
    const apiName = slash < 0 ? sub : sub.slice(0, slash);
    const api = this.apis.find((a) => a.name === apiName);
    const out = api?.control ? await api.control(req, slash < 0 ? "" : sub.slice(slash + 1), ctx) : undefined;
    return out ?? { status: 404, body: { error: `unknown control route ${req.method} ${req.url.pathname}` } };
  }
}

function ok(body: unknown): EmulatorResponse {
  return { status: 200, body };
}

export function parseJson(body: Buffer): unknown {
  if (body.length === 0) return undefined;
  try {
    return JSON.parse(body.toString("utf8"));
  } catch {
    return undefined;
  }
}

function send(res: http.ServerResponse, out: EmulatorResponse, now = Date.now()): void {
  const headers: Record<string, string> = { ...out.headers };
  let payload: Buffer;
  if (out.body === undefined) payload = Buffer.alloc(0);
  else if (Buffer.isBuffer(out.body)) payload = out.body;
  else if (typeof out.body === "string") payload = Buffer.from(out.body, "utf8");
  else {
    payload = Buffer.from(JSON.stringify(out.body), "utf8");
    headers["content-type"] ??= "application/json;charset=UTF-8";
  }
  headers["content-length"] = String(payload.length);
  headers.date ??= new Date(now).toUTCString();
  res.writeHead(out.status, headers);
  res.end(payload);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new Error("request body too large");
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function lowerCaseHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(", ") : v;
  return out;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** JSON merge patch (RFC 7386): objects merge deeply, `null` removes, anything else replaces. */
function mergePatch(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (v && typeof v === "object" && !Array.isArray(v) && out[k] && typeof out[k] === "object") {
      out[k] = mergePatch(out[k] as Record<string, unknown>, v as Record<string, unknown>);
    } else out[k] = v;
  }
  return out;
}
