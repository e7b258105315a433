/**
 * `pulumi-certmanager-kr/emulator`: a local, offline stand-in for the NCP and NHN Cloud Certificate Manager APIs
 * (plus NHN's User Access Key token call and NCP Global DNS v1), for tests, examples and trying the package without
 * an account.
 */
import { EmulatorControl } from "./control";
import { createNcloudApi } from "./ncloud/api";
import { createGlobalDnsApi } from "./ncloud/globalDns";
import { DEFAULT_EMULATOR_CREDENTIALS } from "./ncloud/world";
import { createNhnCloudApi } from "./nhncloud/api";
import { DEFAULT_NHN_APPKEY, DEFAULT_NHN_USER_ACCESS_KEY } from "./nhncloud/world";
import { EmulatorServer } from "./server";
import { StateStore } from "./store";

export {
  EmulatorControl,
  type GlobalDnsRecordState,
  type GlobalDnsZoneState,
  type NcloudCertificateState,
  type NhnAddCertificateInput,
  type NhnCertificateState,
  type NhnSeedResult,
} from "./control";
export { DEFAULT_GLOBAL_DNS_MODES, type DnsRecordState, type GlobalDnsModes } from "./ncloud/globalDnsWorld";
export { DEFAULT_EMULATOR_CREDENTIALS } from "./ncloud/world";
export { DEFAULT_NHN_APPKEY, DEFAULT_NHN_USER_ACCESS_KEY, type NhnCertificateRecord } from "./nhncloud/world";
export type { ControlCall, FaultKind, FaultRule, RequestLogEntry } from "./types";

export interface EmulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  host?: string;
  /** Persist the world to this JSON file so separate processes share it. */
  stateFile?: string;
  /** NCP: pending orders issue by themselves this many ms after being placed (the older flows; see validateFromDns). */
  autoIssueAfterMs?: number;
  /**
   * NCP: issue a pending order only once every domain's DCV TXT record is served (an applied record in an emulated
   * Global DNS zone, or an external one added with `control.ncloud.serveExternalTxt`), `dnsValidationDelayMs` later
   * (default 1000); an order not validated within `dcvExpireAfterMs` (default 1 hour) ends in VALIDATION_EXPIRE.
   * Off by default: then orders issue after autoIssueAfterMs or on `control.ncloud.issue`, as before.
   */
  validateFromDns?: boolean;
  dnsValidationDelayMs?: number;
  dcvExpireAfterMs?: number;
  /** Global DNS zones to create at start (e.g. `["example.com"]`); existing ones are kept. */
  globalDnsZones?: string[];
}

export interface RunningEmulator {
  /** Base URL, e.g. `http://127.0.0.1:41234`: use it as the certificate manager endpoint of either cloud. */
  url: string;
  /**
   * What to use as `ncloud:globalDnsEndpoint` / `NCLOUD_GLOBAL_DNS_ENDPOINT`. NCP serves Global DNS from another
   * host; the emulator serves it on the same port under `/dns/v1/...`, so today this equals `url`.
   */
  globalDnsEndpoint: string;
  port: number;
  control: EmulatorControl;
  /** The NCP key pair the emulator accepts out of the box. */
  ncloudCredentials: { accessKey: string; secretKey: string };
  /**
   * What NHN Cloud accepts out of the box: the appkey holding the fixed sample set and a User Access Key for v1.1
   * headers and v1.3 tokens (`POST {url}/oauth2/token/create`).
   */
  nhncloud: { appKey: string; userAccessKeyId: string; secretAccessKey: string };
  close(): Promise<void>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const store = new StateStore(options.stateFile);
  const server = new EmulatorServer({
    store,
    host: options.host,
    port: options.port,
    apis: [createNcloudApi({ autoIssueAfterMs: options.autoIssueAfterMs }), createGlobalDnsApi(), createNhnCloudApi()],
  });
  const { url, port } = await server.listen();
  const control = new EmulatorControl(url);
  if (
    options.validateFromDns !== undefined ||
    options.dnsValidationDelayMs !== undefined ||
    options.dcvExpireAfterMs !== undefined
  ) {
    await control.ncloud.settings({
      validateFromDns: options.validateFromDns,
      dnsValidationDelayMs: options.dnsValidationDelayMs,
      dcvExpireAfterMs: options.dcvExpireAfterMs,
    });
  }
  for (const zone of options.globalDnsZones ?? []) await control.globalDns.createZone(zone);
  return {
    url,
    globalDnsEndpoint: url,
    port,
    control,
    ncloudCredentials: { ...DEFAULT_EMULATOR_CREDENTIALS },
    nhncloud: { appKey: DEFAULT_NHN_APPKEY, ...DEFAULT_NHN_USER_ACCESS_KEY },
    close: () => server.close(),
  };
}
