/**
 * The NCP slice of the emulator's world: access keys, organizations and certificates, as plain JSON.
 */
import type { WorldState } from "../store";
import type { DnsValidationSettings, ExternalTxt } from "./dcv";

export interface AccessKeyRecord {
  accessKey: string;
  secretKey: string;
  /** Sub-account keys are refused by CM 2.0 with an empty 403 (NCP quirk, see the API notes §10.2). */
  subAccount?: boolean;
}

export interface OrganizationRecord {
  organizationNo: number;
  memberNo: string;
  organizationNameKor: string;
  organizationNameEng: string;
  businessRegistrationNo: string;
  verificationType: string;
  verificationProgressCode: number;
}

export interface DcvRecordState {
  validSn: number;
  requestSn: string;
  domain: string;
  validStatusCode: "VALID_STATUS_REG" | "VALID_STATUS_SUCCESS" | "VALID_STATUS_TIMEOUT";
  txtName: string;
  txtValue: string;
  /** The record NCP asks for: TXT (documented) or CNAME (the `dcvRecordType` mode); TXT when absent. */
  recordType?: "TXT" | "CNAME";
}

export interface CertificateRecord {
  certificateNo: number;
  certificateName: string;
  certificateType: string;
  commonName: string;
  dnsNames: string[];
  validationMethod: string;
  organizationNo?: number;
  orderId: string;
  requestSn: string;
  statusCode: string;
  renewal: boolean;
  csr: string;
  keyAlgorithm?: string;
  subscriptionPeriod?: number;
  requestToken?: string;
  createdAtMs: number;
  updatedAtMs: number;
  dcv: DcvRecordState[];
  certificatePem?: string;
  subCaCertificatePem?: string;
  rootCaCertificatePem?: string;
  issuedAtMs?: number;
  notBeforeMs?: number;
  notAfterMs?: number;
  serialNumber?: string;
  revokedAtMs?: number;
  usedInstanceNoList: string[];
  /** How many times this certificate was reissued. */
  reissueCount: number;
  /** Set for a certificate uploaded with withExternal (see externalCertificates.ts): nothing was ordered. */
  external?: { publicKeyPem: string; fingerprintSha256: string; issuer: string; signatureAlgorithm: string };
}

export interface NcloudWorld {
  nextCertificateNo: number;
  nextOrderId: number;
  nextValidSn: number;
  nextRequestSn: number;
  memberNo: string;
  accessKeys: AccessKeyRecord[];
  organizations: OrganizationRecord[];
  certificates: CertificateRecord[];
  /** When set, pending orders issue by themselves this long after they were placed (or reissued). */
  autoIssueAfterMs?: number;
  /** Validity of issued leaf certificates. */
  validityDays: number;
  /**
   * NCP's docs leave open whether a reissue keeps certificateNo (docs §14 #18). The emulator keeps it unless this is
   * set; then a reissued certificate is listed under a new number (same name, same order), the old number gone.
   */
  reissueAssignsNewNumber?: boolean;
  /**
   * The other shape the docs leave possible (§14 #18): a reissue lists a new certificate, under a new number, in the
   * same order, beside the old one, which stays issued and listed (until it expires or is deleted).
   */
  reissueKeepsOldListed?: boolean;
  /** What the Advanced list's pages and totalCount count: "orders" (default) or "certificates" (doc §6.2: open). */
  paidListPagesCount?: "orders" | "certificates";
  /**
   * NCP documents no maximum page size for its lists (doc §6.2/6.3, defaults and limits unconfirmed). When set, a
   * list answers at most this many entries per page whatever pageSize asked, so a client that stops on a short page
   * misses the rest; the documented rule (an empty page, or the running count reaching totalCount) does not.
   */
  pageSizeCap?: number;
  /**
   * How responses write `dnsName` (the SANs): the docs type it String in responses and Array in requests and show no
   * example (doc §4.4), so "comma" (`a,b`, the default), "comma-space" (`a, b`) and "array" are all plausible.
   */
  dnsNameFormat?: "comma" | "comma-space" | "array";
  /**
   * Which form of a wildcard's `*` getVerificationInfo's `domainAddress` must carry: the docs show no wildcard
   * (doc §6.4). "either" (default) decodes both; "raw" takes `%2A` literally and "encoded" a raw `*` literally,
   * finding no such domain, so they answer an empty list.
   */
  starInQuery?: "either" | "raw" | "encoded";
  /** The name of a DCV record's value in getVerificationInfo: "txtValue" (default) or "value" (doc §14 #2: unconfirmed). */
  dcvValueField?: "txtValue" | "value";
  /**
   * Which DNS record DCV asks for (doc §14 #1: the newest pages say TXT, older ones and the Reissue page "DNS CNAME";
   * Cloud Basic's console shows `_<hex>.<domain> CNAME _<hex>.cm.naverncp.com.`). "TXT" (default): `_dnsauth.<domain>`
   * TXT = a token. "CNAME": `_<hex>.<domain>` CNAME `_<hex>.cm.naverncp.com`, the entry saying `recordType: "CNAME"`
   * beside the documented txtName/txtValue fields (that field's name is a guess); validation then looks for a
   * served CNAME with that target.
   */
  dcvRecordType?: "TXT" | "CNAME";
  /** "full" (default) or "withoutNumber": the paid order's answer carries no certificateNo (doc §14 #5: unconfirmed). */
  orderAnswer?: "full" | "withoutNumber";
  /** How responses write certificate numbers: "integer" (documented, default) or "string" (doc §14 #10). */
  certificateNoType?: "integer" | "string";
  /** When set, pending orders are validated from DNS (dcv.ts) and autoIssueAfterMs is not used. */
  dnsValidation?: DnsValidationSettings;
  /** TXT records an external DNS serves (names outside every emulated Global DNS zone). */
  externalTxt?: ExternalTxt[];
  /** PD (persistent) DCV values, one per domain, reused by every later order and reissue. */
  persistentTxt?: Record<string, string>;
}

export const NAME_RULE = /^[A-Za-z][A-Za-z0-9-]{2,19}$/;
export const NAME_RULE_MESSAGE =
  "certificateName can only contain 3-20 English alphabet, numbers, and '-' and must start with an alphabetic character.";

/** The key pair every fresh emulator accepts, so `npm start` and examples work without set-up. */
export const DEFAULT_EMULATOR_CREDENTIALS = {
  accessKey: "EMULATOR-ACCESS-KEY",
  secretKey: "EMULATOR-SECRET-KEY",
} as const;

export function ncloudWorld(world: WorldState): NcloudWorld {
  let slice = world.apis.ncloud as NcloudWorld | undefined;
  if (!slice) {
    slice = {
      nextCertificateNo: 55_001,
      nextOrderId: 900_001,
      nextValidSn: 1,
      nextRequestSn: 1,
      memberNo: "2965001",
      accessKeys: [{ ...DEFAULT_EMULATOR_CREDENTIALS }],
      organizations: [
        {
          organizationNo: 34,
          memberNo: "2965001",
          organizationNameKor: "예시 주식회사",
          organizationNameEng: "Example Co",
          businessRegistrationNo: "1208800767",
          verificationType: "BUSINESS_REGISTRATION",
          verificationProgressCode: 7,
        },
        {
          organizationNo: 35,
          memberNo: "2965001",
          organizationNameKor: "검증중 주식회사",
          organizationNameEng: "Pending Co",
          businessRegistrationNo: "2208800768",
          verificationType: "BUSINESS_REGISTRATION",
          verificationProgressCode: 1,
        },
      ],
      certificates: [],
      validityDays: 198,
    };
    world.apis.ncloud = slice;
  }
  return slice;
}

/** Names as NCP lists them (ListCertificates / ListAdvancedCertificates pages). */
export const STATUS_NAMES: Record<string, string> = {
  "0": "ONGOING",
  "1": "NORMAL",
  "2": "NORMAL_UNREGISTERED_PRIVATE_KEY",
  "3": "NORMAL_GLOBAL_EDGE_DEDICATED",
  "-1": "FAILED",
  "-2": "EXPIRE",
  "-3": "VALIDATION_FAILED",
  "-4": "VALIDATION_EXPIRE",
  "-5": "REVOKE",
  "-6": "DELETED",
  "-7": "REQUEST_REVOKE",
  "-11": "FAILED",
};

/**
 * The NCP modes (control `settings`) with a fixed set of values, the default first; each is documented on
 * NcloudWorld. A value outside the set is left unapplied.
 */
export const NCP_MODE_CHOICES = {
  reissueAssignsNewNumber: [false, true],
  reissueKeepsOldListed: [false, true],
  paidListPagesCount: ["orders", "certificates"],
  dnsNameFormat: ["comma", "comma-space", "array"],
  starInQuery: ["either", "raw", "encoded"],
  dcvValueField: ["txtValue", "value"],
  dcvRecordType: ["TXT", "CNAME"],
  orderAnswer: ["full", "withoutNumber"],
  certificateNoType: ["integer", "string"],
} as const;
