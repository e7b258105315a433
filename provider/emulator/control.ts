/**
 * A typed client for the emulator's control API (`/__emulator/...`), for tests, examples and the CLI.
 * Uses plain fetch: the control API is local and needs none of the production client's signing or pooling.
 */
import { CONTROL_PREFIX } from "./server";
import type { FaultRule, RequestLogEntry } from "./types";

export class EmulatorControl {
  constructor(readonly url: string) {}

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.url}${CONTROL_PREFIX}/${path}`, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`emulator control ${method} ${path} failed: HTTP ${res.status} ${text}`);
    return (text ? JSON.parse(text) : {}) as T;
  }

  health(): Promise<{ status: string; apis: string[] }> {
    return this.call("GET", "health");
  }

  async requests(filter: { api?: string; operation?: string } = {}): Promise<RequestLogEntry[]> {
    const { requests } = await this.call<{ requests: RequestLogEntry[] }>("GET", "requests");
    return requests.filter(
      (r) => (!filter.api || r.api === filter.api) && (!filter.operation || r.operation === filter.operation),
    );
  }

  clearRequests(): Promise<void> {
    return this.call("DELETE", "requests");
  }

  addFault(rule: FaultRule): Promise<void> {
    return this.call("POST", "faults", rule);
  }

  clearFaults(): Promise<void> {
    return this.call("DELETE", "faults");
  }

  setLatency(ms: number): Promise<void> {
    return this.call("PUT", "latency", { ms });
  }

  setClockOffset(offsetMs: number): Promise<void> {
    return this.call("PUT", "clock", { offsetMs });
  }

  /** NCP-specific controls. */
  readonly ncloud = {
    listCertificates: async (): Promise<NcloudCertificateState[]> =>
      (await this.call<{ certificates: NcloudCertificateState[] }>("GET", "ncloud/certificates")).certificates,
    getCertificate: (no: number): Promise<NcloudCertificateState> => this.call("GET", `ncloud/certificates/${no}`),
    /** Completes DCV and issues a pending order now. */
    issue: (no: number): Promise<NcloudCertificateState> => this.call("POST", `ncloud/certificates/${no}/issue`),
    /** Ends a pending order in a failure status (-1, -3, -4, -11). */
    fail: (no: number, statusCode = "-3"): Promise<NcloudCertificateState> =>
      this.call("POST", `ncloud/certificates/${no}/fail`, { statusCode }),
    /** Marks the certificate as used by load balancer listeners (delete then fails with 1004). */
    markInUse: (no: number, instanceNos: string[] = ["lb-listener-1"]): Promise<NcloudCertificateState> =>
      this.call("PUT", `ncloud/certificates/${no}/in-use`, { instanceNos }),
    clearInUse: (no: number): Promise<NcloudCertificateState> =>
      this.call("DELETE", `ncloud/certificates/${no}/in-use`),
    /** Out-of-band changes, as someone in the NCP console would make them. */
    revoke: (no: number): Promise<NcloudCertificateState> => this.call("POST", `ncloud/certificates/${no}/revoke`),
    rename: (no: number, certificateName: string): Promise<NcloudCertificateState> =>
      this.call("POST", `ncloud/certificates/${no}/rename`, { certificateName }),
    delete: (no: number): Promise<NcloudCertificateState> => this.call("DELETE", `ncloud/certificates/${no}`),
    addAccessKey: (key: { accessKey: string; secretKey: string; subAccount?: boolean }): Promise<void> =>
      this.call("POST", "ncloud/access-keys", key),
    settings: (s: { autoIssueAfterMs?: number | null; validityDays?: number }) =>
      this.call("PUT", "ncloud/settings", s),
    addOrganization: (org: {
      organizationNo?: number;
      organizationNameEng?: string;
      organizationNameKor?: string;
      verificationProgressCode?: number;
    }) => this.call("POST", "ncloud/organizations", org),
  };
}

/** The emulator's record of one NCP certificate (see emulator/ncloud/world.ts). */
export interface NcloudCertificateState {
  certificateNo: number;
  certificateName: string;
  statusCode: string;
  orderId: string;
  requestSn: string;
  commonName: string;
  dnsNames: string[];
  renewal: boolean;
  usedInstanceNoList: string[];
  certificatePem?: string;
  reissueCount: number;
  [key: string]: unknown;
}
