/**
 * The NHN Cloud slice of the emulator's world (`world.apis.nhncloud`): appkeys with their certificates, User Access
 * Keys, and the tokens issued for them, as plain JSON so that it persists in the shared state file.
 */
import type { SerializedIssuer } from "../../crypto/x509";
import type { WorldState } from "../store";

/** The Certificate Manager appkey a fresh world knows (it holds the fixed sample set). */
export const DEFAULT_NHN_APPKEY = "EMULATOR-APPKEY";

/** The User Access Key a fresh world accepts for v1.1 headers and v1.3 tokens. */
export const DEFAULT_NHN_USER_ACCESS_KEY = {
  userAccessKeyId: "EMULATOR-USER-ACCESS-KEY-ID",
  secretAccessKey: "EMULATOR-USER-SECRET-ACCESS-KEY",
} as const;

/** The documented default and range of a User Access Key token's lifetime (§3). */
export const DEFAULT_TOKEN_TTL_SECONDS = 86_400;
export const MIN_TOKEN_TTL_SECONDS = 60;

/** The documented upload limit (52008). */
export const MAX_FILE_BYTES = 524_288;

export interface UserAccessKeyRecord {
  userAccessKeyId: string;
  secretAccessKey: string;
  tokenTtlSeconds: number;
}

export interface TokenRecord {
  userAccessKeyId: string;
  issuedAtMs: number;
  expiresAtMs: number;
  revoked: boolean;
}

export interface NhnCertificateRecord {
  /** v1.3 numeric id. Emulator choice (undocumented): world-wide sequence from 1, never reused. */
  certificateId: number;
  certificateName: string;
  /** Issuing CA name from the file; null for an entry without a file. */
  authority: string | null;
  /** CN + SANs of the certificate in the file (v1.2+ lists them). */
  domains: string[];
  /** Java-style name, e.g. `SHA256withRSA`. */
  signatureAlgorithm: string | null;
  /** `YYYY-MM-DD`, KST calendar date. */
  fileCreationDate: string | null;
  expirationDate: string | null;
  /** The exact instants behind the dates; `notAfterMs` decides EXPIRED vs UNEXPIRED. */
  notBeforeMs?: number;
  notAfterMs?: number;
  /** How many files are registered: 0 → 52001, 2 → 52002 (legacy states). */
  fileCount: number;
  /** The uploaded file name, sent back in Content-Disposition. */
  fileName?: string;
  /** The file bytes, base64. Absent for a seeded entry until its first download builds it. */
  file?: string;
  /** Seeded entries: the file is built from the metadata on first download, then stored here. */
  lazyFile?: boolean;
  /** The passphrase stored beside an encrypted key (the API never returns it; the control API does). */
  passphrase?: string;
  /** What this entry demonstrates (fixed set only). */
  note?: string;
  registeredAtMs: number;
}

export interface AppKeyRecord {
  certificates: NhnCertificateRecord[];
}

export interface NhnWorld {
  nextCertificateId: number;
  appKeys: Record<string, AppKeyRecord>;
  userAccessKeys: UserAccessKeyRecord[];
  tokens: Record<string, TokenRecord>;
  /** An RSA issuing CA under the emulator root, so that files show `SHA256withRSA` as most public CAs do. */
  rsaIssuer?: SerializedIssuer;
  /**
   * What a list under an appkey NHN does not know answers: the docs leave it open (notes §13 #6). "unauthorized"
   * (default: HTTP 401, -6) or "empty" (a successful, empty list, indistinguishable from an appkey with nothing).
   */
  unknownAppKeyAnswer?: "unauthorized" | "empty";
  /**
   * How a `*` in a certificate name must appear in the download path: NHN does not say whether it wants it raw (legal
   * in a path segment) or as `%2A` (notes §6.2, §13 #13). "either" (default) finds both; "raw" and "encoded" find
   * only their form and answer 52000 for the other, as a server that does not decode it would.
   */
  starInPath?: "either" | "raw" | "encoded";
  /**
   * What a list page past the last one answers (notes §13 #4): "empty" (default; an empty `data`) or "error" (HTTP
   * 400, resultCode 400, as for other bad list parameters).
   */
  pastLastPage?: "empty" | "error";
  /** The HTTP status of business failures (52000-52005): "200" (default, NHN's habit) or "4xx" (§13 #5). */
  failureStatus?: "200" | "4xx";
  /** What v1.3 answers a bad token (§13 #7): "80007" (default; HTTP 401), "52010" (HTTP 200) or "plain401". */
  badTokenAnswer?: "80007" | "52010" | "plain401";
  /** Set once the default appkey's fixed sample set has been generated. */
  fixedSetAtMs?: number;
}

/** The slice, created (without certificates) on first use. */
export function nhnWorld(world: WorldState): NhnWorld {
  let slice = world.apis.nhncloud as NhnWorld | undefined;
  if (!slice) {
    slice = {
      nextCertificateId: 1,
      appKeys: { [DEFAULT_NHN_APPKEY]: { certificates: [] } },
      userAccessKeys: [{ ...DEFAULT_NHN_USER_ACCESS_KEY, tokenTtlSeconds: DEFAULT_TOKEN_TTL_SECONDS }],
      tokens: {},
    };
    world.apis.nhncloud = slice;
  }
  return slice;
}

/** The slice if it exists, without creating it (for read-only paths). */
export function peekNhnWorld(world: WorldState): NhnWorld | undefined {
  return world.apis.nhncloud as NhnWorld | undefined;
}

const KST_OFFSET_MS = 9 * 3_600_000;

/** `YYYY-MM-DD` of the instant in Korea time (NHN works in UTC+9; the docs' inference, §5). */
export function kstDate(ms: number): string {
  return new Date(ms + KST_OFFSET_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a KST calendar date, or undefined when `date` is not `YYYY-MM-DD`. */
export function endOfKstDay(date: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return undefined;
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== date) return undefined;
  return ms - KST_OFFSET_MS + 86_400_000 - 1;
}

/** The first millisecond of a KST calendar date. */
export function startOfKstDay(date: string): number | undefined {
  const end = endOfKstDay(date);
  return end === undefined ? undefined : end + 1 - 86_400_000;
}

/**
 * EXPIRED when the certificate's notAfter instant has passed on the emulator clock. Emulator choice (undocumented,
 * §13 #8): the instant, not the KST date, decides; an entry without a file has no expiry and counts as UNEXPIRED.
 */
export function isExpired(record: NhnCertificateRecord, now: number): boolean {
  return record.notAfterMs !== undefined && record.notAfterMs < now;
}

/** The NHN modes (control `settings`) and their values, the default first; each is documented on NhnWorld. */
export const NHN_MODE_CHOICES = {
  unknownAppKeyAnswer: ["unauthorized", "empty"],
  starInPath: ["either", "raw", "encoded"],
  pastLastPage: ["empty", "error"],
  failureStatus: ["200", "4xx"],
  badTokenAnswer: ["80007", "52010", "plain401"],
} as const;
