/**
 * NCP Certificate Manager API 2.0, emulated strictly from the API notes (`shared/docs/ncp-certificate-manager-api.md`):
 * signature v2 and the 5-minute window are verified, field rules answer with the documented codes (400 + 2000/2100
 * for input validation, 200 + 1002/1004/1006/2200/2201/26040 for business errors), and certificates go through the
 * documented lifecycle: ONGOING with DCV TXT records → NORMAL_UNREGISTERED_PRIVATE_KEY (issued by the emulator's CA)
 * → NORMAL (key registered) / REVOKE / DELETED. Where the docs leave a detail open, the choice is marked "unconfirmed".
 */
import { parseCsr } from "../../crypto/csr";
import { loadPrivateKey, publicKeysEqual } from "../../crypto/keys";
import type { EmulatorApi, EmulatorRequest, EmulatorResponse, RouteMatch } from "../types";
import { newDcv } from "./dcv";
import { ncpDate, summary, writeDnsNames, writeNo } from "./entryShapes";
import { registerExternalCertificate } from "./externalCertificates";
import { authenticate, gateway, gatewayFault } from "./gateway";
import { uniqueDomains } from "./lifecycle";
import { ncloudControl } from "./ncloudControl";
import { checkCsr, isDomainName, parseSans } from "./orderChecks";
import { ReadHandlers } from "./reads";
import { findLive, jsonBody, parseNo, Reply, withCurrentWorld } from "./reply";
import { type CertificateRecord, NAME_RULE, NAME_RULE_MESSAGE, ncloudWorld, STATUS_NAMES } from "./world";

const CERTIFICATE_TYPES = new Set(["NCP_PAID_DV_01", "NCP_PAID_OV_01"]);
// Email validation ("E") was retired in February 2026; the current docs list only D and PD for Advanced.
const VALIDATION_METHODS = new Set(["D", "PD"]);
const REVOKE_TYPES = new Set(["affiliationChanged", "superseded", "cessationOfOperation", "unspecified"]);

interface Route {
  method: string;
  pattern: RegExp;
  operation: string;
  handler: (h: Handlers, m: RegExpMatchArray, req: EmulatorRequest) => Promise<EmulatorResponse>;
}

const ROUTES: Route[] = [
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/requestPaidCertificateIssuance$/,
    operation: "requestPaidCertificateIssuance",
    handler: (h, _m, r) => h.requestPaid(r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/withExternal$/,
    operation: "registerExternalCertificate",
    handler: (h, _m, r) => h.registerExternal(r),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/certificate\/getPaidCertificates$/,
    operation: "getPaidCertificates",
    handler: (h, _m, r) => h.listPaid(r),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/certificate\/certificates$/,
    operation: "certificates",
    handler: (h, _m, r) => h.listAll(r),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/certificate\/getVerificationInfo\/([^/]+)$/,
    operation: "getVerificationInfo",
    handler: (h, m, r) => h.verificationInfo(m[1], r),
  },
  {
    method: "GET",
    pattern: /^\/api\/v2\/certificate\/exportCertificate\/([^/]+)\/chain$/,
    operation: "exportCertificateChain",
    handler: (h, m) => h.chain(m[1]),
  },
  {
    method: "DELETE",
    pattern: /^\/api\/v2\/certificate\/deleteCertificate\/([^/]+)$/,
    operation: "deleteCertificate",
    handler: (h, m, r) => h.deleteCertificate(m[1], r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/setCertificateRenewal$/,
    operation: "setCertificateRenewal",
    handler: (h, _m, r) => h.setRenewal(r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/registPrivateKey$/,
    operation: "registPrivateKey",
    handler: (h, _m, r) => h.registPrivateKey(r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/([^/]+)\/reissue$/,
    operation: "reissue",
    handler: (h, m, r) => h.reissue(m[1], r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/certificate\/revoke$/,
    operation: "revoke",
    handler: (h, _m, r) => h.revoke(r),
  },
  {
    method: "POST",
    pattern: /^\/api\/v2\/organization\/getOrganizationInfoList$/,
    operation: "getOrganizationInfoList",
    handler: (h, _m, r) => h.organizations(r),
  },
];

export interface NcloudApiOptions {
  /** Pending orders issue by themselves this many ms after being placed (default: only via the control API). */
  autoIssueAfterMs?: number;
}

export function createNcloudApi(options: NcloudApiOptions = {}): EmulatorApi {
  let settingsApplied = false;
  return {
    name: "ncloud",
    owns: (pathname) => pathname.startsWith("/api/"),
    route(req, ctx): RouteMatch {
      const pathname = req.url.pathname;
      for (const r of ROUTES) {
        const m = pathname.match(r.pattern);
        if (m && r.method === req.method) {
          return {
            operation: r.operation,
            handle: async () => {
              if (!settingsApplied && options.autoIssueAfterMs !== undefined) {
                settingsApplied = true;
                await ctx.store.update((w) => {
                  ncloudWorld(w).autoIssueAfterMs = options.autoIssueAfterMs;
                });
              }
              const denied = await authenticate(req, ctx);
              if (denied) return denied;
              const contentType = req.headers["content-type"] ?? "";
              if (!contentType.toLowerCase().startsWith("application/json")) {
                return gateway(400, "100", "Bad Request Exception", "Content-Type: application/json is required");
              }
              return r.handler(new Handlers(ctx), m, req);
            },
          };
        }
      }
      return { operation: "unknown", handle: async () => gateway(404, "300", "Not Found Exception") };
    },
    faultResponse: gatewayFault,
    refusalResponse: (status, code, message) => ({ ...Reply.fail(code, message), status }),
    control: (req, subpath, ctx) => ncloudControl(req, subpath, ctx),
  };
}

class Handlers extends ReadHandlers {
  async requestPaid(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = jsonBody(req);
    if (!body) return Reply.invalid("The request body must be a JSON object.");
    for (const field of ["csr", "certificateType", "certificateName", "commonName", "validationMethod"]) {
      if (typeof body[field] !== "string" || (body[field] as string).trim() === "") {
        return Reply.invalid(`${field} is required.`);
      }
    }
    const certificateName = body.certificateName as string;
    if (!NAME_RULE.test(certificateName)) return Reply.invalid(NAME_RULE_MESSAGE, "2000");
    const certificateType = body.certificateType as string;
    if (!CERTIFICATE_TYPES.has(certificateType)) {
      return Reply.invalid("certificateType must be NCP_PAID_DV_01 or NCP_PAID_OV_01.");
    }
    const validationMethod = body.validationMethod as string;
    if (!VALIDATION_METHODS.has(validationMethod)) return Reply.invalid("validationMethod must be D or PD.");
    const commonName = (body.commonName as string).toLowerCase();
    if (!isDomainName(commonName)) return Reply.invalid("commonName is not a valid domain name.");
    const sans = parseSans(body.dnsName);
    if (sans === undefined) return Reply.fail("2201", "Invalid DNS SANs input format.");
    const organizationNo = body.organizationNo;
    if (organizationNo !== undefined && !Number.isInteger(organizationNo)) {
      return Reply.invalid("organizationNo must be an integer.");
    }
    const csrCheck = checkCsr(body.csr as string, commonName);
    if (csrCheck) return csrCheck;

    return this.ctx.store.update((w) => {
      const ncp = ncloudWorld(w);
      if (certificateType === "NCP_PAID_OV_01") {
        if (organizationNo === undefined) return Reply.invalid("organizationNo is required for NCP_PAID_OV_01.");
        const org = ncp.organizations.find((o) => o.organizationNo === organizationNo);
        if (!org) return Reply.invalid(`Organization ${organizationNo} does not exist.`);
        if (org.verificationProgressCode !== 7) return Reply.invalid(`Organization ${organizationNo} is not verified.`);
      }
      // Uniqueness is implied by the docs ("unique name"); the exact code for a duplicate is unconfirmed.
      if (ncp.certificates.some((c) => c.certificateName === certificateName && c.statusCode !== "-6")) {
        return Reply.invalid(`certificateName ${certificateName} is already in use.`);
      }
      const now = this.ctx.store.now();
      const requestSn = `RSN${String(ncp.nextRequestSn++).padStart(10, "0")}`;
      const domains = uniqueDomains(commonName, sans);
      const record: CertificateRecord = {
        certificateNo: ncp.nextCertificateNo++,
        certificateName,
        certificateType,
        commonName,
        dnsNames: sans,
        validationMethod,
        organizationNo: organizationNo as number | undefined,
        orderId: String(ncp.nextOrderId++),
        requestSn,
        statusCode: "0",
        renewal: false,
        csr: body.csr as string,
        keyAlgorithm: typeof body.keyAlgorithm === "string" ? body.keyAlgorithm : undefined,
        subscriptionPeriod: typeof body.subscriptionPeriod === "number" ? body.subscriptionPeriod : undefined,
        requestToken: typeof body.requestToken === "string" ? body.requestToken : undefined,
        createdAtMs: now,
        updatedAtMs: now,
        dcv: domains.map((domain) => newDcv(ncp, domain, requestSn, validationMethod)),
        usedInstanceNoList: [],
        reissueCount: 0,
      };
      ncp.certificates.push(record);
      return Reply.ok({
        totalRows: 1,
        paidCertificate: {
          // Mode (doc §14 #5: the full answer is unconfirmed): an answer without the number leaves a look-up by name.
          ...(ncp.orderAnswer === "withoutNumber" ? {} : { certificateNo: writeNo(record.certificateNo, ncp) }),
          requestSn,
          certificateName,
          commonName,
          dnsName: writeDnsNames(sans, ncp.dnsNameFormat),
          statusCode: record.statusCode,
          statusName: STATUS_NAMES[record.statusCode],
          regDate: ncpDate(now),
          validationMethod,
          ...(record.organizationNo !== undefined ? { organizationNo: record.organizationNo } : {}),
        },
      });
    });
  }

  async registerExternal(req: EmulatorRequest): Promise<EmulatorResponse> {
    return registerExternalCertificate(this.ctx, req, (c, ncp) => summary(c, ncp));
  }

  async deleteCertificate(rawNo: string, req: EmulatorRequest): Promise<EmulatorResponse> {
    const no = parseNo(rawNo);
    if (no === undefined) return Reply.invalid("certificateNo must be an integer.");
    const name = req.url.searchParams.get("certificateName");
    if (!name) return Reply.invalid("certificateName is required.");
    return this.ctx.store.update((w) => {
      const cert = findLive(ncloudWorld(w), no);
      if (!cert || cert.certificateName !== name) {
        return Reply.fail(
          "1004",
          "Failed to delete the certificate. No certificate was found with a matching with requested certificate name and certificate number.",
        );
      }
      if (cert.usedInstanceNoList.length > 0) {
        return Reply.fail(
          "1004",
          "Failed to delete the certificate. Delete the instance being used first or replace the certificate being used for the instance.",
        );
      }
      cert.statusCode = "-6";
      cert.updatedAtMs = this.ctx.store.now();
      return Reply.ok({ totalRows: 1 });
    });
  }

  async setRenewal(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = jsonBody(req);
    if (!body || !Number.isInteger(body.certificateNo)) return Reply.invalid("certificateNo is required.");
    if (body.renewalYn !== "Y" && body.renewalYn !== "N") return Reply.invalid("renewalYn must be Y or N.");
    return this.ctx.store.update((w) => {
      const cert = findLive(ncloudWorld(w), body.certificateNo as number);
      if (!cert) return Reply.fail("2200", "No certificate was found.");
      cert.renewal = body.renewalYn === "Y";
      cert.updatedAtMs = this.ctx.store.now();
      return Reply.ok({ totalRows: 0 });
    });
  }

  async registPrivateKey(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = jsonBody(req);
    if (!body || !Number.isInteger(body.certificateNo)) return Reply.invalid("certificateNo is required.");
    if (typeof body.privateKey !== "string" || body.privateKey.trim() === "")
      return Reply.invalid("privateKey is required.");
    let publicKeyPem: string;
    try {
      publicKeyPem = loadPrivateKey(body.privateKey).publicKeyPem;
    } catch {
      return Reply.fail("1002", "Unable to load certificate. Expecting PEM format file.");
    }
    return withCurrentWorld(
      this.ctx,
      (ncp) => {
        const cert = findLive(ncp, body.certificateNo as number);
        if (!cert) return Reply.fail("2200", "No certificate was found.");
        // Only a CSR-based certificate that is issued and still lacks its key can take one (status 2).
        if (cert.statusCode !== "2" || !cert.certificatePem) return Reply.fail("26034", "The certificate is invalid.");
        if (!publicKeysEqual(publicKeyPem, parseCsr(cert.csr).publicKeyPem)) {
          return Reply.fail("26040", "Public key in certificate does not match private key.");
        }
        cert.statusCode = "1";
        cert.updatedAtMs = this.ctx.store.now();
        return Reply.ok({ totalRows: 0 });
      },
      { mutates: true },
    );
  }

  async reissue(rawNo: string, req: EmulatorRequest): Promise<EmulatorResponse> {
    const no = parseNo(rawNo);
    if (no === undefined) return Reply.invalid("certificateNo must be an integer.");
    const body = jsonBody(req);
    if (!body) return Reply.invalid("The request body must be a JSON object.");
    for (const field of ["csr", "certificateName", "commonName", "validationMethod"]) {
      if (typeof body[field] !== "string" || (body[field] as string).trim() === "") {
        return Reply.invalid(`${field} is required.`);
      }
    }
    if (!VALIDATION_METHODS.has(body.validationMethod as string))
      return Reply.invalid("validationMethod must be D or PD.");
    const commonName = (body.commonName as string).toLowerCase();
    const sans = parseSans(body.dnsName);
    if (sans === undefined) return Reply.fail("2201", "Invalid DNS SANs input format.");
    const csrCheck = checkCsr(body.csr as string, commonName);
    if (csrCheck) return csrCheck;
    return withCurrentWorld(
      this.ctx,
      (ncp) => {
        const cert = findLive(ncp, no);
        if (!cert || cert.certificateName !== body.certificateName)
          return Reply.fail("2200", "No certificate was found.");
        // Reissue exists for issued Advanced certificates (statuses 1 and 2); anything else is refused.
        if ((cert.statusCode !== "1" && cert.statusCode !== "2") || cert.external)
          return Reply.fail("26034", "The certificate is invalid.");
        // A reissue may not change the primary domain: that would be a new order (unconfirmed, conservative).
        if (commonName !== cert.commonName) return Reply.invalid("commonName cannot change on reissue.");
        const now = this.ctx.store.now();
        const requestSn = `RSN${String(ncp.nextRequestSn++).padStart(10, "0")}`;
        if (ncp.reissueKeepsOldListed) {
          // Mode (docs §14 #18): the reissued certificate is a new entry of the same order; the old one stays.
          const renewed: CertificateRecord = {
            ...cert,
            certificateNo: ncp.nextCertificateNo++,
            csr: body.csr as string,
            dnsNames: sans,
            validationMethod: body.validationMethod as string,
            requestSn,
            statusCode: "0",
            dcv: uniqueDomains(commonName, sans).map((d) => newDcv(ncp, d, requestSn, body.validationMethod as string)),
            createdAtMs: now,
            updatedAtMs: now,
            certificatePem: undefined,
            subCaCertificatePem: undefined,
            rootCaCertificatePem: undefined,
            issuedAtMs: undefined,
            notBeforeMs: undefined,
            notAfterMs: undefined,
            serialNumber: undefined,
            usedInstanceNoList: [],
            reissueCount: cert.reissueCount + 1,
          };
          ncp.certificates.push(renewed);
          return Reply.ok({ totalRows: 1 });
        }
        cert.csr = body.csr as string;
        cert.dnsNames = sans;
        cert.validationMethod = body.validationMethod as string;
        cert.requestSn = requestSn;
        cert.statusCode = "0";
        cert.dcv = uniqueDomains(commonName, sans).map((d) => newDcv(ncp, d, requestSn, cert.validationMethod));
        cert.createdAtMs = now;
        cert.updatedAtMs = now;
        cert.reissueCount += 1;
        if (ncp.reissueAssignsNewNumber) cert.certificateNo = ncp.nextCertificateNo++;
        // The old certificate stays exportable until the new one is issued.
        return Reply.ok({ totalRows: 1 });
      },
      { mutates: true },
    );
  }

  async revoke(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = jsonBody(req);
    if (!body) return Reply.invalid("The request body must be a JSON object.");
    if (typeof body.orderId !== "string" || body.orderId === "") return Reply.invalid("orderId is required.");
    if (!Number.isInteger(body.certificateNo)) return Reply.invalid("certificateNo is required.");
    if (typeof body.revokeType !== "string" || !REVOKE_TYPES.has(body.revokeType)) {
      return Reply.invalid("revokeType must be affiliationChanged, superseded, cessationOfOperation or unspecified.");
    }
    return withCurrentWorld(
      this.ctx,
      (ncp) => {
        const inOrder = ncp.certificates.filter((c) => c.orderId === body.orderId && c.statusCode !== "-6");
        const targets =
          body.certificateNo === 0 ? inOrder : inOrder.filter((c) => c.certificateNo === body.certificateNo);
        if (targets.length === 0) return Reply.fail("2200", "No certificate was found.");
        const revocable = targets.filter((c) => c.statusCode === "1" || c.statusCode === "2");
        if (revocable.length === 0) return Reply.fail("26034", "The certificate is invalid.");
        const now = this.ctx.store.now();
        for (const c of revocable) {
          c.statusCode = "-5";
          c.revokedAtMs = now;
          c.updatedAtMs = now;
        }
        return Reply.ok({ totalRows: revocable.length });
      },
      { mutates: true },
    );
  }

  async organizations(req: EmulatorRequest): Promise<EmulatorResponse> {
    const body = jsonBody(req);
    // This call is a POST that needs a JSON object body, even an empty one.
    if (!body) return Reply.invalid("The request body must be a JSON object.");
    return withCurrentWorld(this.ctx, (ncp) => {
      const list = ncp.organizations.filter(
        (o) =>
          (body.organizationNameKor === undefined ||
            o.organizationNameKor.includes(String(body.organizationNameKor))) &&
          (body.organizationNameEng === undefined ||
            o.organizationNameEng.includes(String(body.organizationNameEng))) &&
          (body.businessRegistrationNo === undefined ||
            o.businessRegistrationNo === String(body.businessRegistrationNo)) &&
          (body.verificationProgressCode === undefined ||
            o.verificationProgressCode === Number(body.verificationProgressCode)),
      );
      return Reply.ok({ totalCount: list.length, organizationInfoList: list.map((o) => ({ ...o })) });
    });
  }
}
