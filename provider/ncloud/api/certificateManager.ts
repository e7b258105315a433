import { type RetryPolicy, retryPolicyFromEnv, withRetries } from "../../shared/retry";
import type {
  CertificateChain,
  CertificatePage,
  CertificateSummary,
  DcvRecord,
  ExternalCertificateUpload,
  Organization,
  OrganizationFilter,
  PaidCertificateOrder,
  PaidCertificateOrderResult,
  ReissueRequest,
  RevokeType,
} from "./certificateManagerTypes";
import { malformed, organizationItems, toDcvRecord, toSummary } from "./entries";
import {
  arrayOfObjects,
  interpretResponse,
  intOrUndefined,
  type JsonObject,
  objectOrEmpty,
  stringOrUndefined,
} from "./responses";
import { NcloudTransport, type NcloudTransportOptions, normaliseEndpoint, type QueryValue } from "./transport";

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
  query?: Record<string, QueryValue>;
  body?: JsonObject;
  signal?: AbortSignal;
  /** Calls that change something in a way a repeat could double (orders, reissue, revoke) are sent once. */
  once?: boolean;
}

export class NcloudCertificateManagerClient {
  readonly endpoint: string;
  readonly #transport: NcloudTransport;
  readonly #retryPolicy: RetryPolicy;
  /** Whether this NCP wants a wildcard's `*` as `%2A` in getVerificationInfo's query (learned on first use). */
  #starEncoded = false;

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
    const items = arrayOfObjects(res.orders).length;
    return { totalCount: intOrUndefined(res.totalCount) ?? certificates.length, certificates, items };
  }

  /**
   * Every Advanced certificate with this exact name, across all pages. The name filter may be a substring match on
   * the server (unconfirmed), so the result is filtered to exact matches here.
   */
  async findPaidCertificatesByName(certificateName: string, signal?: AbortSignal): Promise<CertificateSummary[]> {
    const found: CertificateSummary[] = [];
    for await (const page of this.pages("getPaidCertificates", { certificateName }, signal)) {
      found.push(...page.certificates.filter((c) => c.certificateName === certificateName));
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
    return {
      totalCount: intOrUndefined(res.totalCount) ?? certificates.length,
      certificates,
      items: certificates.length,
    };
  }

  /**
   * Every certificate of any kind with this exact name (`certificates`, all pages); the server's filter may match
   * substrings (unconfirmed), so only exact matches are kept.
   */
  async findCertificatesByName(certificateName: string, signal?: AbortSignal): Promise<CertificateSummary[]> {
    const found: CertificateSummary[] = [];
    for await (const page of this.pages("certificates", { certificateName }, signal)) {
      found.push(...page.certificates.filter((c) => c.certificateName === certificateName));
    }
    return found;
  }

  /**
   * Uploads a certificate issued elsewhere with its key and chain (`withExternal`); with `certificateNo`, replaces
   * that certificate's files in place and keeps its number. Sent once: a lost answer is resolved by looking the
   * name up, never by sending again blindly (a second upload of the same files is refused as a duplicate).
   * Returns NCP's list entry for it when the answer carries one.
   */
  async registerExternalCertificate(
    upload: ExternalCertificateUpload,
    signal?: AbortSignal,
  ): Promise<CertificateSummary | undefined> {
    const body: JsonObject = {
      certificateName: upload.certificateName,
      privateKey: upload.privateKey,
      // The newest v2 page's name for the leaf; v1 and the older v2 page say publicKeyCertificate (unknown #8).
      certificateBody: upload.certificateBody,
      certificateChain: upload.certificateChain,
    };
    if (upload.certificateNo !== undefined) body.certificateNo = upload.certificateNo;
    const res = await this.call("registerExternalCertificate", "POST", "/certificate/withExternal", {
      body,
      signal,
      once: true,
    });
    const [entry] = arrayOfObjects(res.sslCertificateList);
    return entry && entry.certificateNo !== undefined ? toSummary("registerExternalCertificate", entry) : undefined;
  }

  /**
   * The entry with this number, paging through a whole list (NCP has no "get by number" call): the Advanced list
   * (`getPaidCertificates`) or every certificate (`certificates`). Undefined when no page has it.
   */
  async findInAllPages(
    list: "getPaidCertificates" | "certificates",
    no: number,
    signal?: AbortSignal,
  ): Promise<CertificateSummary | undefined> {
    for await (const page of this.pages(list, {}, signal)) {
      const hit = page.certificates.find((c) => c.certificateNo === no);
      if (hit) return hit;
    }
    return undefined;
  }

  /**
   * Every page of a list, by the documented rule: stop on an empty page, or once the entries seen reach totalCount
   * (never on a short page: the server may cap the page size, unconfirmed). The Advanced list counts orders or
   * certificates (unconfirmed): orders are counted, which never stops early (an order holds at least one
   * certificate) and costs at most one empty page more.
   */
  async *pages(
    list: "getPaidCertificates" | "certificates",
    query: { certificateName?: string },
    signal?: AbortSignal,
  ): AsyncGenerator<CertificatePage> {
    const pageSize = 100;
    let seen = 0;
    for (let page = 1; page <= 1000; page++) {
      const q = { ...query, page, pageSize };
      const res =
        list === "certificates" ? await this.listCertificates(q, signal) : await this.getPaidCertificates(q, signal);
      if (res.items === 0) return;
      yield res;
      seen += res.items;
      if (seen >= res.totalCount) return;
    }
  }

  /**
   * The DCV records for one domain of a certificate (`getVerificationInfo`). The docs show no wildcard (doc §6.4):
   * a `*` is legal raw in a query (an RFC 3986 sub-delimiter) and is sent so; a server that wants it as `%2A` finds
   * no such domain and lists nothing, so an empty answer for a wildcard is asked once more in the other form, and
   * the form that answered is tried first from then on.
   */
  async getVerificationInfo(certificateNo: number, domainAddress: string, signal?: AbortSignal): Promise<DcvRecord[]> {
    const ask = async (value: QueryValue) => {
      const res = await this.call("getVerificationInfo", "GET", `/certificate/getVerificationInfo/${certificateNo}`, {
        query: { domainAddress: value },
        signal,
      });
      return arrayOfObjects(res.dnsVerificationList).map((item) => toDcvRecord(item));
    };
    if (!domainAddress.includes("*")) return ask(domainAddress);
    const forms = [domainAddress, { encoded: encodeURIComponent(domainAddress).replace(/\*/g, "%2A") }];
    if (this.#starEncoded) forms.reverse();
    const first = await ask(forms[0]);
    if (first.length > 0) return first;
    const second = await ask(forms[1]);
    if (second.length > 0) this.#starEncoded = !this.#starEncoded;
    return second;
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
