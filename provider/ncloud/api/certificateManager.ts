/**
 * NCP Certificate Manager API 2.0 client: one method per operation the AdvancedCertificate resource needs.
 *
 * Each method signs with API Gateway signature v2, sends through the shared keep-alive pool under deadlines, and
 * returns a normalised shape (see types.ts) or throws ApiError / TransportError. The client never retries on its own;
 * the paid order in particular must never be resent blindly.
 */
import { ApiError } from "../../shared/errors";
import { type RetryPolicy, retryPolicyFromEnv, withRetries } from "../../shared/retry";
import type {
  CertificateChain,
  CertificatePage,
  CertificateSummary,
  DcvRecord,
  Organization,
  OrganizationFilter,
  PaidCertificateOrder,
  PaidCertificateOrderResult,
  ReissueRequest,
  RevokeType,
} from "./certificateManagerTypes";
import {
  arrayOfObjects,
  interpretResponse,
  intOrUndefined,
  type JsonObject,
  objectOrEmpty,
  parseDnsNames,
  stringOrUndefined,
} from "./responses";
import { NcloudTransport, type NcloudTransportOptions, normaliseEndpoint } from "./transport";

export type { NcloudCredentials } from "./transport";

/** The public-zone endpoint. Paths (`/api/v2/...`) are appended to it. */
export const DEFAULT_NCLOUD_ENDPOINT = "https://certificatemanager.apigw.ntruss.com";

export interface NcloudClientOptions extends NcloudTransportOptions {
  /** Base URL; `/api/v2/...` is appended (a path prefix in the base URL is kept). */
  endpoint?: string;
  /** Retries of safe calls; default from CERTMANAGER_KR_RETRY_* or DEFAULT_RETRY_POLICY. */
  retryPolicy?: RetryPolicy;
}

interface CallOptions {
  query?: Record<string, string | number | undefined>;
  body?: JsonObject;
  signal?: AbortSignal;
  /** Calls that change something in a way a repeat could double (orders, reissue, revoke) are sent once. */
  once?: boolean;
}

export class NcloudCertificateManagerClient {
  readonly endpoint: string;
  readonly #transport: NcloudTransport;
  readonly #retryPolicy: RetryPolicy;

  constructor(options: NcloudClientOptions) {
    const product = "NCP Certificate Manager";
    this.endpoint = normaliseEndpoint(
      options.endpoint ?? DEFAULT_NCLOUD_ENDPOINT,
      product,
      DEFAULT_NCLOUD_ENDPOINT,
      "/api/v2",
    );
    this.#transport = new NcloudTransport("ncloud", this.endpoint, options, product);
    this.#retryPolicy = options.retryPolicy ?? retryPolicyFromEnv();
  }

  /** Places a paid (Advanced DV/OV) certificate order. Billable: never call twice for one intent. */
  async requestPaidCertificateIssuance(
    order: PaidCertificateOrder,
    signal?: AbortSignal,
  ): Promise<PaidCertificateOrderResult> {
    const body: JsonObject = {
      csr: order.csr,
      certificateType: order.certificateType,
      certificateName: order.certificateName,
      commonName: order.commonName,
      validationMethod: order.validationMethod,
    };
    if (order.dnsName && order.dnsName.length > 0) body.dnsName = order.dnsName;
    if (order.organizationNo !== undefined) body.organizationNo = order.organizationNo;
    if (order.keyAlgorithm !== undefined) body.keyAlgorithm = order.keyAlgorithm;
    if (order.subscriptionPeriod !== undefined) body.subscriptionPeriod = order.subscriptionPeriod;
    if (order.requestToken !== undefined) body.requestToken = order.requestToken;
    const res = await this.call(
      "requestPaidCertificateIssuance",
      "POST",
      "/certificate/requestPaidCertificateIssuance",
      // Billable: never resent by the retry loop; the resource recovers by looking the name up instead.
      { body, signal, once: true },
    );
    const paid = objectOrEmpty(res.paidCertificate);
    return {
      certificateNo: intOrUndefined(paid.certificateNo),
      requestSn: stringOrUndefined(paid.requestSn),
      certificateName: stringOrUndefined(paid.certificateName),
      statusCode: stringOrUndefined(paid.statusCode),
      statusName: stringOrUndefined(paid.statusName),
      regDate: stringOrUndefined(paid.regDate),
      raw: paid,
    };
  }

  /** One page of Advanced certificates (`getPaidCertificates`), flattened from orders, each with its `orderId`. */
  async getPaidCertificates(
    query: { certificateName?: string; page?: number; pageSize?: number } = {},
    signal?: AbortSignal,
  ): Promise<CertificatePage> {
    const res = await this.call("getPaidCertificates", "GET", "/certificate/getPaidCertificates", {
      query: { certificateName: query.certificateName, page: query.page ?? 1, pageSize: query.pageSize ?? 100 },
      signal,
    });
    const certificates: CertificateSummary[] = [];
    for (const order of arrayOfObjects(res.orders)) {
      const orderId = stringOrUndefined(order.orderId ?? order.orderID);
      for (const c of arrayOfObjects(order.certificates))
        certificates.push(toSummary("getPaidCertificates", c, orderId));
    }
    return { totalCount: intOrUndefined(res.totalCount) ?? certificates.length, certificates };
  }

  /**
   * Every Advanced certificate with this exact name, across all pages. The name filter may be a substring match on
   * the server (unconfirmed), so the result is filtered to exact matches here.
   */
  async findPaidCertificatesByName(certificateName: string, signal?: AbortSignal): Promise<CertificateSummary[]> {
    const found: CertificateSummary[] = [];
    const pageSize = 100;
    for (let page = 1; page <= 1000; page++) {
      const res = await this.getPaidCertificates({ certificateName, page, pageSize }, signal);
      found.push(...res.certificates.filter((c) => c.certificateName === certificateName));
      // Paging counts orders, not certificates; stop on an empty or short page, or when the total is reached.
      if (res.certificates.length === 0 || res.certificates.length < pageSize || page * pageSize >= res.totalCount)
        break;
    }
    return found;
  }

  /** One page of every certificate in the account (`certificates`). */
  async listCertificates(
    query: { certificateName?: string; page?: number; pageSize?: number } = {},
    signal?: AbortSignal,
  ): Promise<CertificatePage> {
    const res = await this.call("certificates", "GET", "/certificate/certificates", {
      query: { certificateName: query.certificateName, page: query.page ?? 1, pageSize: query.pageSize ?? 100 },
      signal,
    });
    const certificates = arrayOfObjects(res.sslCertificateList).map((c) => toSummary("certificates", c));
    return { totalCount: intOrUndefined(res.totalCount) ?? certificates.length, certificates };
  }

  /** The DCV records for one domain of a certificate (`getVerificationInfo`). */
  async getVerificationInfo(certificateNo: number, domainAddress: string, signal?: AbortSignal): Promise<DcvRecord[]> {
    const res = await this.call("getVerificationInfo", "GET", `/certificate/getVerificationInfo/${certificateNo}`, {
      query: { domainAddress },
      signal,
    });
    return arrayOfObjects(res.dnsVerificationList).map((item) => toDcvRecord(item));
  }

  /** The issued leaf, intermediate and root as PEM (`exportCertificate/{no}/chain`). */
  async exportCertificateChain(certificateNo: number, signal?: AbortSignal): Promise<CertificateChain> {
    const res = await this.call(
      "exportCertificateChain",
      "GET",
      `/certificate/exportCertificate/${certificateNo}/chain`,
      {
        signal,
      },
    );
    const certificate = stringOrUndefined(res.certificate);
    if (!certificate) {
      throw malformed("exportCertificateChain", "the response has no `certificate` PEM");
    }
    return {
      subjectCommonName: stringOrUndefined(res.subjectCommonName),
      certificate,
      subCaCertificate: stringOrUndefined(res.subCaCertificate) || undefined,
      rootCaCertificate: stringOrUndefined(res.rootCaCertificate) || undefined,
    };
  }

  /** Deletes a certificate. NCP answers 1004 when it is in use or when the name does not match the number. */
  async deleteCertificate(certificateNo: number, certificateName: string, signal?: AbortSignal): Promise<void> {
    await this.call("deleteCertificate", "DELETE", `/certificate/deleteCertificate/${certificateNo}`, {
      query: { certificateName },
      signal,
    });
  }

  /** Turns NCP's auto-renewal on or off. */
  async setCertificateRenewal(certificateNo: number, enabled: boolean, signal?: AbortSignal): Promise<void> {
    await this.call("setCertificateRenewal", "POST", "/certificate/setCertificateRenewal", {
      body: { certificateNo, renewalYn: enabled ? "Y" : "N" },
      signal,
    });
  }

  /**
   * Hands the private key to NCP so its load balancers can use the certificate (status 2 → 1). Sent once: a repeat
   * after a lost answer is refused (the status has moved on), so callers check the status instead of resending.
   */
  async registPrivateKey(certificateNo: number, privateKeyPem: string, signal?: AbortSignal): Promise<void> {
    await this.call("registPrivateKey", "POST", "/certificate/registPrivateKey", {
      body: { certificateNo, privateKey: privateKeyPem },
      signal,
      once: true,
    });
  }

  /** Reissues an Advanced certificate within its existing order (a new CSR; no new paid order). */
  async reissue(certificateNo: number, request: ReissueRequest, signal?: AbortSignal): Promise<void> {
    const body: JsonObject = {
      csr: request.csr,
      certificateName: request.certificateName,
      commonName: request.commonName,
      validationMethod: request.validationMethod,
    };
    if (request.dnsName && request.dnsName.length > 0) body.dnsName = request.dnsName;
    await this.call("reissue", "POST", `/certificate/${certificateNo}/reissue`, { body, signal, once: true });
  }

  /** Revokes a certificate (irreversible); `certificateNo` 0 revokes every certificate in the order. */
  async revoke(
    request: { orderId: string; certificateNo: number; revokeType: RevokeType },
    signal?: AbortSignal,
  ): Promise<{ revokedCount: number }> {
    const res = await this.call("revoke", "POST", "/certificate/revoke", { body: { ...request }, signal, once: true });
    return { revokedCount: intOrUndefined(res.totalRows) ?? 0 };
  }

  /** Organizations registered for OV certificates. */
  async getOrganizationInfoList(filter: OrganizationFilter = {}, signal?: AbortSignal): Promise<Organization[]> {
    const body: JsonObject = {};
    for (const [k, v] of Object.entries(filter)) if (v !== undefined) body[k] = v;
    const res = await this.call("getOrganizationInfoList", "POST", "/organization/getOrganizationInfoList", {
      body,
      signal,
    });
    return organizationItems(res).map((o) => ({
      organizationNo: intOrUndefined(o.organizationNo) ?? Number.NaN,
      memberNo: stringOrUndefined(o.memberNo),
      organizationNameKor: stringOrUndefined(o.organizationNameKor),
      organizationNameEng: stringOrUndefined(o.organizationNameEng),
      businessRegistrationNo: stringOrUndefined(o.businessRegistrationNo),
      verificationType: stringOrUndefined(o.verificationType),
      verificationProgressCode: intOrUndefined(o.verificationProgressCode),
      raw: o,
    }));
  }

  /**
   * Signs and sends a call, retrying transient failures of safe calls (reads, flag changes, deletes) with backoff;
   * returns the JSON body of a successful response.
   */
  private call(
    operation: string,
    method: "GET" | "POST" | "DELETE",
    apiPath: string,
    options: CallOptions = {},
  ): Promise<JsonObject> {
    const attempt = () => this.callOnce(operation, method, apiPath, options);
    return options.once ? attempt() : withRetries(attempt, this.#retryPolicy);
  }

  private async callOnce(
    operation: string,
    method: "GET" | "POST" | "DELETE",
    apiPath: string,
    options: CallOptions,
  ): Promise<JsonObject> {
    // NCP wants a JSON body on POST even when there is nothing to say.
    const body = method === "POST" ? JSON.stringify(options.body ?? {}) : undefined;
    const res = await this.#transport.send({
      operation,
      method,
      path: `/api/v2${apiPath}`,
      query: options.query,
      body,
      signal: options.signal,
    });
    return interpretResponse(operation, res, Date.now());
  }
}

function toSummary(operation: string, c: JsonObject, orderId?: string): CertificateSummary {
  const certificateNo = intOrUndefined(c.certificateNo);
  if (certificateNo === undefined) throw malformed(operation, "a certificate entry has no certificateNo");
  const used = c.usedInstanceNoList;
  return {
    certificateNo,
    certificateName: stringOrUndefined(c.certificateName) ?? "",
    commonName: stringOrUndefined(c.commonName),
    dnsNames: parseDnsNames(c.dnsName),
    statusCode: stringOrUndefined(c.statusCode) ?? "",
    statusName: stringOrUndefined(c.statusName),
    certificateType: stringOrUndefined(c.certificateType ?? c.certificateTypeCode),
    orderId: orderId ?? stringOrUndefined(c.orderId ?? c.orderID),
    memberNo: stringOrUndefined(c.memberNo),
    regDate: stringOrUndefined(c.regDate),
    updateDate: stringOrUndefined(c.updateDate),
    issueDate: stringOrUndefined(c.issueDate),
    notBefore: stringOrUndefined(c.notBefore),
    notAfter: stringOrUndefined(c.notAfter),
    revokeDate: stringOrUndefined(c.revokeDate),
    serialNumber: stringOrUndefined(c.serialNumber),
    issuer: stringOrUndefined(c.issuer),
    signatureAlgorithm: stringOrUndefined(c.signatureAlgorithm),
    usedInstanceNoList: Array.isArray(used) ? used.map(String) : parseDnsNames(used),
    raw: c,
  };
}

function toDcvRecord(item: JsonObject): DcvRecord {
  // The value field's name is unconfirmed in NCP's docs; read the known candidates and fail loudly otherwise.
  const name = stringOrUndefined(item.txtName ?? item.cnameName ?? item.recordName ?? item.name);
  const value = stringOrUndefined(item.txtValue ?? item.cnameValue ?? item.recordValue ?? item.value);
  if (!name || !value) {
    throw malformed("getVerificationInfo", `a DCV record has no name/value: ${JSON.stringify(item).slice(0, 300)}`);
  }
  const recordType =
    stringOrUndefined(item.recordType ?? item.dnsRecordType) ??
    (item.cnameName !== undefined || item.cnameValue !== undefined ? "CNAME" : "TXT");
  return {
    validSn: intOrUndefined(item.validSn),
    requestSn: stringOrUndefined(item.requestSn),
    validStatusCode: stringOrUndefined(item.validStatusCode) ?? "",
    recordType: recordType.toUpperCase(),
    name,
    value,
    raw: item,
  };
}

/**
 * NCP's docs list the organization fields but not the name of the array holding them (the page is marked "needs
 * revision"), so take the first array whose items carry `organizationNo`, or the body itself if it is one item.
 */
function organizationItems(res: JsonObject): JsonObject[] {
  for (const value of Object.values(res)) {
    const items = arrayOfObjects(value);
    if (items.length > 0 && items.every((o) => o.organizationNo !== undefined)) return items;
  }
  return res.organizationNo !== undefined ? [res] : [];
}

function malformed(operation: string, message: string): ApiError {
  return new ApiError({ api: "ncloud", operation, kind: "malformed", httpStatus: 200, apiMessage: message });
}
