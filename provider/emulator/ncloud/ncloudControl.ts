/**
 * Control routes of the emulated NCP Certificate Manager (`/__emulator/ncloud/...`): settings (auto-issue, DNS
 * validation), access keys, organizations, "external DNS" TXT records, and console actions on one certificate.
 */

import { currentModes, modeProblem, readSettings, setModes } from "../modes";
import { parseJson } from "../server";
import type { EmulatorContext, EmulatorRequest, EmulatorResponse } from "../types";
import { DEFAULT_DNS_VALIDATION } from "./dcv";
import { issue } from "./lifecycle";
import { NAME_RULE, NAME_RULE_MESSAGE, NCP_MODE_CHOICES, type NcloudWorld, ncloudWorld } from "./world";

type Json = Record<string, unknown>;

export async function ncloudControl(
  req: EmulatorRequest,
  subpath: string,
  ctx: EmulatorContext,
): Promise<EmulatorResponse | undefined> {
  const body = (parseJson(req.body) ?? {}) as Json;
  const route = `${req.method} ${subpath}`;
  const certMatch = subpath.match(/^certificates\/(\d+)(?:\/([a-z-]+))?$/);
  const no = certMatch ? Number(certMatch[1]) : undefined;
  const action = certMatch ? `${req.method} ${certMatch[2] ?? ""}` : undefined;
  const notFound: EmulatorResponse = { status: 404, body: { error: `no certificate ${no}` } };

  if (route === "GET certificates") {
    return { status: 200, body: await ctx.store.read((w) => ({ certificates: ncloudWorld(w).certificates })) };
  }
  if (route === "POST access-keys") {
    if (typeof body.accessKey !== "string" || typeof body.secretKey !== "string") {
      return { status: 400, body: { error: "access-keys needs {accessKey, secretKey, subAccount?}" } };
    }
    await ctx.store.update((w) => {
      const ncp = ncloudWorld(w);
      ncp.accessKeys = ncp.accessKeys.filter((k) => k.accessKey !== body.accessKey);
      ncp.accessKeys.push({
        accessKey: body.accessKey as string,
        secretKey: body.secretKey as string,
        subAccount: body.subAccount === true,
      });
    });
    return { status: 200, body: {} };
  }
  if (route === "PUT settings") return putSettings(req, ctx);
  if (route === "GET external-dns") {
    return { status: 200, body: { records: await ctx.store.read((w) => ncloudWorld(w).externalTxt ?? []) } };
  }
  if (route === "POST external-dns" || route === "DELETE external-dns") {
    if (typeof body.name !== "string" || (route === "POST external-dns" && typeof body.value !== "string")) {
      return { status: 400, body: { error: "external-dns needs {name: the TXT name, value: its value}" } };
    }
    const name = body.name.toLowerCase().replace(/\.$/, "");
    return {
      status: 200,
      body: await ctx.store.update((w) => {
        const ncp = ncloudWorld(w);
        const keep = (ncp.externalTxt ?? []).filter(
          (t) => t.name !== name || (body.value !== undefined && t.value !== body.value),
        );
        if (route === "POST external-dns") keep.push({ name, value: body.value as string, sinceMs: ctx.store.now() });
        ncp.externalTxt = keep;
        return { records: keep };
      }),
    };
  }
  if (route === "POST organizations") {
    return {
      status: 200,
      body: await ctx.store.update((w) => {
        const ncp = ncloudWorld(w);
        const org = {
          organizationNo: Number(
            body.organizationNo ?? Math.max(0, ...ncp.organizations.map((o) => o.organizationNo)) + 1,
          ),
          memberNo: ncp.memberNo,
          organizationNameKor: String(body.organizationNameKor ?? body.organizationNameEng ?? "조직"),
          organizationNameEng: String(body.organizationNameEng ?? "Organization"),
          businessRegistrationNo: String(body.businessRegistrationNo ?? "0000000000"),
          verificationType: "BUSINESS_REGISTRATION",
          verificationProgressCode: Number(body.verificationProgressCode ?? 7),
        };
        ncp.organizations.push(org);
        return org;
      }),
    };
  }
  if (no === undefined || action === undefined) return undefined;

  return ctx.store.update(async (w): Promise<EmulatorResponse> => {
    const ncp = ncloudWorld(w);
    const cert = ncp.certificates.find((c) => c.certificateNo === no);
    if (!cert) return notFound;
    const now = ctx.store.now();
    switch (action) {
      case "GET ":
        return { status: 200, body: cert };
      case "POST issue":
        if (cert.statusCode !== "0") return { status: 409, body: { error: `certificate ${no} is not pending` } };
        await issue(w, cert, now);
        return { status: 200, body: cert };
      case "POST fail": {
        const statusCode = String(body.statusCode ?? "-3");
        // -12 and -20 exist in the docs without a name (§14 #3): the emulator lists them as UNKNOWN.
        if (!["-1", "-3", "-4", "-11", "-12", "-20"].includes(statusCode)) {
          return { status: 400, body: { error: "statusCode must be one of -1, -3, -4, -11, -12, -20" } };
        }
        cert.statusCode = statusCode;
        if (statusCode === "-4") for (const d of cert.dcv) d.validStatusCode = "VALID_STATUS_TIMEOUT";
        cert.updatedAtMs = now;
        return { status: 200, body: cert };
      }
      case "PUT in-use":
        cert.usedInstanceNoList = Array.isArray(body.instanceNos) ? body.instanceNos.map(String) : ["lb-listener-1"];
        return { status: 200, body: cert };
      case "DELETE in-use":
        cert.usedInstanceNoList = [];
        return { status: 200, body: cert };
      case "POST rename":
        if (typeof body.certificateName !== "string" || !NAME_RULE.test(body.certificateName)) {
          return { status: 400, body: { error: NAME_RULE_MESSAGE } };
        }
        cert.certificateName = body.certificateName;
        cert.updatedAtMs = now;
        return { status: 200, body: cert };
      case "POST revoke":
        cert.statusCode = "-5";
        cert.revokedAtMs = now;
        cert.updatedAtMs = now;
        return { status: 200, body: cert };
      case "DELETE ":
        cert.statusCode = "-6";
        cert.updatedAtMs = now;
        return { status: 200, body: cert };
      default:
        return { status: 404, body: { error: `unknown certificate action ${action}` } };
    }
  });
}

const whole = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min;
const ms = (v: unknown, min: number) => typeof v === "number" && Number.isFinite(v) && v >= min;

/** The NCP settings besides the modes, each with its rule as the refusal says it. */
const NCP_SETTING_RULES: Record<string, [(v: unknown) => boolean, string]> = {
  autoIssueAfterMs: [(v) => v === null || ms(v, 0), "null (no auto-issue) or milliseconds from 0"],
  validityDays: [(v) => whole(v, 1) && (v as number) <= 3650, "a whole number of days from 1 to 3650"],
  pageSizeCap: [(v) => v === null || whole(v, 1), "null (no cap) or a whole number from 1"],
  validateFromDns: [(v) => typeof v === "boolean", "true or false"],
  dnsValidationDelayMs: [(v) => ms(v, 0), "milliseconds from 0"],
  dcvExpireAfterMs: [(v) => ms(v, 1), "milliseconds from 1"],
};
const NCP_SETTINGS = [...Object.keys(NCP_SETTING_RULES), ...Object.keys(NCP_MODE_CHOICES)];

/** Control `PUT settings`: all of the body is applied, or (a setting unknown or out of range) none of it. */
async function putSettings(req: EmulatorRequest, ctx: EmulatorContext): Promise<EmulatorResponse> {
  const read = readSettings(req.body, NCP_SETTINGS);
  if ("problem" in read) return { status: 400, body: { error: read.problem } };
  const body = read.body;
  for (const [key, [ok, rule]] of Object.entries(NCP_SETTING_RULES)) {
    if (key in body && !ok(body[key])) {
      return { status: 400, body: { error: `settings: ${key} is ${rule}, not ${JSON.stringify(body[key])}` } };
    }
  }
  const problem = modeProblem(body, NCP_MODE_CHOICES);
  if (problem) return { status: 400, body: { error: problem } };
  return ctx.store.update((w): EmulatorResponse => {
    const ncp = ncloudWorld(w);
    const dnsOn = body.validateFromDns ?? ncp.dnsValidation !== undefined;
    const timing = ["dnsValidationDelayMs", "dcvExpireAfterMs"].filter((k) => k in body);
    if (!dnsOn && timing.length > 0) {
      return { status: 400, body: { error: `settings: ${timing.join(", ")} need validateFromDns: true` } };
    }
    if ("autoIssueAfterMs" in body) ncp.autoIssueAfterMs = (body.autoIssueAfterMs as number | null) ?? undefined;
    if ("validityDays" in body) ncp.validityDays = body.validityDays as number;
    if ("pageSizeCap" in body) ncp.pageSizeCap = (body.pageSizeCap as number | null) ?? undefined;
    setModes(ncp, body, NCP_MODE_CHOICES);
    setDnsValidation(ncp, body);
    return {
      status: 200,
      body: {
        autoIssueAfterMs: ncp.autoIssueAfterMs ?? null,
        validityDays: ncp.validityDays,
        pageSizeCap: ncp.pageSizeCap ?? null,
        ...currentModes(ncp, NCP_MODE_CHOICES),
        validateFromDns: ncp.dnsValidation !== undefined,
        ...(ncp.dnsValidation ?? {}),
      },
    };
  });
}

/** `validateFromDns` turns DNS validation on/off; the delay and window may be tuned with it or later. */
function setDnsValidation(ncp: NcloudWorld, body: Json): void {
  if (body.validateFromDns === false) ncp.dnsValidation = undefined;
  else if (body.validateFromDns === true) ncp.dnsValidation ??= { ...DEFAULT_DNS_VALIDATION };
  if (!ncp.dnsValidation) return;
  if (typeof body.dnsValidationDelayMs === "number") ncp.dnsValidation.delayMs = body.dnsValidationDelayMs;
  if (typeof body.dcvExpireAfterMs === "number") ncp.dnsValidation.expireAfterMs = body.dcvExpireAfterMs;
}
