/**
 * A typed client for the emulator's control API (`/__emulator/...`), for tests, examples and the CLI.
 * Uses plain fetch: the control API is local and needs none of the production client's signing or pooling.
 */
import type { DnsRecordState, GlobalDnsModes } from "./ncloud/globalDnsWorld";
import type { NhnCertificateRecord } from "./nhncloud/world";
import { CONTROL_PREFIX } from "./server";
import type { FaultRule, RequestLogEntry } from "./types";

function query(params: Record<string, string | undefined>): string {
  const entries = Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
  return entries.length === 0 ? "" : `?${new URLSearchParams(entries).toString()}`;
}

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

  /** Moves the emulator's clock; `certificatesOnly` ages certificates while the gateway keeps real time. */
  setClockOffset(offsetMs: number, options: { certificatesOnly?: boolean } = {}): Promise<void> {
    return this.call("PUT", "clock", { offsetMs, ...options });
  }

  /** NCP-specific controls. */
  readonly ncloud = {
    listCertificates: async (): Promise<NcloudCertificateState[]> =>
      (await this.call<{ certificates: NcloudCertificateState[] }>("GET", "ncloud/certificates")).certificates,
    getCertificate: (no: number): Promise<NcloudCertificateState> => this.call("GET", `ncloud/certificates/${no}`),
    /** Completes DCV and issues a pending order now. */
    issue: (no: number): Promise<NcloudCertificateState> => this.call("POST", `ncloud/certificates/${no}/issue`),
    /** Ends a pending order in a failure status (-1, -3, -4, -11, or the unnamed -12 / -20). */
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
    /**
     * `validateFromDns`: issue pending orders only when their DCV TXT records are served (see EmulatorOptions),
     * after `dnsValidationDelayMs`, expiring them after `dcvExpireAfterMs`; false returns to auto-issue.
     */
    settings: (s: {
      autoIssueAfterMs?: number | null;
      validityDays?: number;
      reissueAssignsNewNumber?: boolean;
      /** At most this many entries per list page, whatever pageSize asks (null: no cap); see NcloudWorld. */
      pageSizeCap?: number | null;
      /** A reissue lists a new certificate (new number, same order) beside the old one (docs §14 #18). */
      reissueKeepsOldListed?: boolean;
      /** What the Advanced list's pages and totalCount count (doc §6.2 leaves it open). Default "orders". */
      paidListPagesCount?: "orders" | "certificates";
      /** How responses write the SANs (`dnsName`): doc §4.4 leaves it open. Default "comma". */
      dnsNameFormat?: "comma" | "comma-space" | "array";
      /** Which form of a wildcard's `*` getVerificationInfo's query must carry (doc §6.4 shows none). Default "either". */
      starInQuery?: "either" | "raw" | "encoded";
      /** The name of a DCV record's value field (doc §14 #2 leaves it open). Default "txtValue". */
      dcvValueField?: "txtValue" | "value";
      /** Which record DCV asks for (doc §14 #1): "TXT" (default) or "CNAME" (see NcloudWorld.dcvRecordType). */
      dcvRecordType?: "TXT" | "CNAME";
      /** "withoutNumber": the paid order's answer carries no certificateNo (doc §14 #5). Default "full". */
      orderAnswer?: "full" | "withoutNumber";
      /** How responses write certificate numbers (doc §14 #10). Default "integer". */
      certificateNoType?: "integer" | "string";
      validateFromDns?: boolean;
      dnsValidationDelayMs?: number;
      dcvExpireAfterMs?: number;
    }) => this.call("PUT", "ncloud/settings", s),
    /** "The external DNS now serves this TXT": satisfies DCV for names in no emulated Global DNS zone. */
    serveExternalTxt: (name: string, value: string): Promise<void> =>
      this.call("POST", "ncloud/external-dns", { name, value }),
    /** Stops serving an external TXT (all values of the name when `value` is left out). */
    removeExternalTxt: (name: string, value?: string): Promise<void> =>
      this.call("DELETE", "ncloud/external-dns", { name, value }),
    addOrganization: (org: {
      organizationNo?: number;
      organizationNameEng?: string;
      organizationNameKor?: string;
      verificationProgressCode?: number;
    }) => this.call("POST", "ncloud/organizations", org),
  };

  /** Global DNS: zones, console edits (applied at once unless `apply: false`), what the name servers serve, modes. */
  readonly globalDns = {
    /** Creates a zone (an existing one of that name is returned as it is), with its system SOA and NS records. */
    createZone: (name: string): Promise<GlobalDnsZoneState> => this.call("POST", "globaldns/zones", { name }),
    zones: async (): Promise<GlobalDnsZoneState[]> =>
      (await this.call<{ zones: GlobalDnsZoneState[] }>("GET", "globaldns/zones")).zones,
    zone: (name: string): Promise<GlobalDnsZoneState> => this.call("GET", `globaldns/zones/${name}`),
    /** The records the name servers answer with (the applied set). */
    appliedRecords: async (zone: string): Promise<GlobalDnsRecordState[]> =>
      (await this.call<{ records: GlobalDnsRecordState[] }>("GET", `globaldns/zones/${zone}/applied`)).records,
    addRecord: (
      zone: string,
      record: { host: string; type: string; content: string; ttl?: number; apply?: boolean },
    ): Promise<GlobalDnsZoneState> => this.call("POST", `globaldns/zones/${zone}/records`, record),
    changeRecord: (
      zone: string,
      id: number,
      change: { content?: string; ttl?: number; apply?: boolean },
    ): Promise<GlobalDnsZoneState> => this.call("PUT", `globaldns/zones/${zone}/records/${id}`, change),
    deleteRecord: (zone: string, id: number, options: { apply?: boolean } = {}): Promise<GlobalDnsZoneState> =>
      this.call("DELETE", `globaldns/zones/${zone}/records/${id}`, options),
    modes: (): Promise<GlobalDnsModes> => this.call("GET", "globaldns/modes"),
    /** Switches the answers to the docs' open questions (see GlobalDnsModes); unnamed modes keep their value. */
    setModes: (modes: Partial<GlobalDnsModes>): Promise<GlobalDnsModes> => this.call("PUT", "globaldns/modes", modes),
  };

  /**
   * NHN Cloud-specific controls. `appKey` defaults to the world's default appkey (`EMULATOR-APPKEY`), whose fixed
   * sample set is generated on first use.
   */
  readonly nhncloud = {
    /** Raw records of one appkey, in list order (files as base64; seeded entries have none until downloaded). */
    listCertificates: async (appKey?: string): Promise<NhnCertificateState[]> =>
      (await this.call<{ certificates: NhnCertificateState[] }>("GET", `nhncloud/certificates${query({ appKey })}`))
        .certificates,
    /** Adds `count` synthetic certificates (metadata now, file built on first download). */
    seed: (opts: { count: number; appKey?: string }): Promise<NhnSeedResult> =>
      this.call("POST", "nhncloud/seed", opts),
    /**
     * Registers a certificate with exactly this file (or replaces the file of the one with that name, keeping its
     * id). Metadata not given is read from the file's leaf certificate; no content = an entry without a file.
     */
    addCertificate: (input: NhnAddCertificateInput): Promise<NhnCertificateState> =>
      this.call("POST", "nhncloud/add-certificate", input),
    deleteCertificate: (certificateName: string, appKey?: string): Promise<NhnCertificateState> =>
      this.call("POST", "nhncloud/delete-certificate", { certificateName, appKey }),
    /** Registers (or replaces) a User Access Key; `tokenTtlSeconds` 60..86400, default 86400. */
    addUserAccessKey: (key: {
      userAccessKeyId: string;
      secretAccessKey: string;
      tokenTtlSeconds?: number;
    }): Promise<{ userAccessKeyId: string; secretAccessKey: string; tokenTtlSeconds: number }> =>
      this.call("POST", "nhncloud/user-access-keys", key),
    /** Adds an (empty) appkey. */
    /** Modes for the docs' open questions: `unknownAppKeyAnswer` "unauthorized" (default) or "empty" (notes §13 #6). */
    settings: (s: {
      unknownAppKeyAnswer?: "unauthorized" | "empty";
      /** How a `*` in a name must appear in the download path (notes §13 #13): "either" (default), "raw", "encoded". */
      starInPath?: "either" | "raw" | "encoded";
      /** What a list page past the last one answers (notes §13 #4): "empty" (default) or "error". */
      pastLastPage?: "empty" | "error";
      /** The HTTP status of business failures such as 52000 (notes §13 #5): "200" (default) or "4xx". */
      failureStatus?: "200" | "4xx";
      /** What API v1.3 answers a bad token (notes §13 #7): "80007" (default), "52010" or "plain401". */
      badTokenAnswer?: "80007" | "52010" | "plain401";
    }): Promise<Record<string, string>> => this.call("PUT", "nhncloud/settings", s),
    addAppKey: (appKey: string): Promise<{ appKey: string; appKeys: string[] }> =>
      this.call("POST", "nhncloud/appkeys", { appKey }),
    /** Revokes every issued v1.3 token (or only those of one User Access Key). */
    revokeTokens: (userAccessKeyId?: string): Promise<{ revoked: number }> =>
      this.call("POST", "nhncloud/revoke-tokens", { userAccessKeyId }),
  };
}

/** The emulator's record of one NHN Cloud certificate, as the control API returns it. */
export type NhnCertificateState = NhnCertificateRecord;

export interface NhnAddCertificateInput {
  appKey?: string;
  certificateName: string;
  /** Sent back in Content-Disposition; default `<name>.pem` (`STAR_...` for wildcards). */
  fileName?: string;
  /** The file as text (kept byte for byte, CRLF included) ... */
  content?: string;
  /** ... or as base64 bytes. */
  contentBase64?: string;
  /** Force the legacy states: 0 → 52001, 2 → 52002. */
  fileCount?: 0 | 1 | 2;
  domains?: string[];
  authority?: string | null;
  signatureAlgorithm?: string | null;
  /** `YYYY-MM-DD` (KST). An explicit expirationDate also drives the EXPIRED filter (end of that KST day). */
  fileCreationDate?: string | null;
  expirationDate?: string | null;
  passphrase?: string;
}

export interface NhnSeedResult {
  appKey: string;
  added: number;
  totalCount: number;
  firstCertificateId: number;
  lastCertificateId: number;
  elapsedMs: number;
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

/** One Global DNS record as the emulator keeps it (list views add `applyYn` and `delYn`). */
export type GlobalDnsRecordState = DnsRecordState & { applyYn?: boolean; delYn?: boolean };

export interface GlobalDnsZoneState {
  id: number;
  name: string;
  serial: number;
  /** What the name servers serve. */
  applied: GlobalDnsRecordState[];
  /** The API's list view: pending records and deleted-but-unapplied ones. */
  records: GlobalDnsRecordState[];
}
