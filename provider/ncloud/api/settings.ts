/**
 * Where the NCP provider gets its credentials and endpoints: stack config (`ncloud:accessKey`, `ncloud:secretKey`,
 * `ncloud:certificateManagerEndpoint`, `ncloud:globalDnsEndpoint`, handed to `configure()`), else the environment
 * (`NCLOUD_ACCESS_KEY`, `NCLOUD_SECRET_KEY`, `NCLOUD_CERTIFICATE_MANAGER_ENDPOINT`, `NCLOUD_GLOBAL_DNS_ENDPOINT`).
 * Never resource inputs: those go to state. Certificate Manager and Global DNS share the key pair.
 *
 * The environment is read at call time, not at configure time, so a rotated key works for `destroy` too.
 */
import { setApiConcurrency } from "../../shared/limiter";
import { NcloudCertificateManagerClient } from "./certificateManager";
import { NcloudGlobalDnsClient } from "./globalDns";
import type { GlobalDnsApi } from "./globalDnsTypes";
import type { NcloudCredentials } from "./transport";

export const NCLOUD_CONFIG_KEYS = {
  accessKey: "ncloud:accessKey",
  secretKey: "ncloud:secretKey",
  endpoint: "ncloud:certificateManagerEndpoint",
  globalDnsEndpoint: "ncloud:globalDnsEndpoint",
  maxConcurrency: "ncloud:maxConcurrency",
} as const;

export const NCLOUD_ENV_VARS = {
  accessKey: "NCLOUD_ACCESS_KEY",
  secretKey: "NCLOUD_SECRET_KEY",
  endpoint: "NCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
  globalDnsEndpoint: "NCLOUD_GLOBAL_DNS_ENDPOINT",
} as const;

export interface ConfigSource {
  get(key: string): string | undefined;
  /** How this door's users write the key in messages (the native plugin: `certmanager-kr:accessKey`). */
  nameOf?(key: string): string;
}

interface NcloudSettings {
  accessKey?: string;
  secretKey?: string;
  endpoint?: string;
  globalDnsEndpoint?: string;
}

// Module state of the implementation (never serialized): what configure() saw in stack config.
let fromStackConfig: NcloudSettings = {};
let nameOf = (key: string) => key;
const clients = new Map<string, NcloudCertificateManagerClient>();
const dnsClients = new Map<string, NcloudGlobalDnsClient>();

/** Called from the provider's configure(): remembers the ncloud:* stack config. */
export function configureNcloud(config: ConfigSource | undefined): void {
  const get = (key: string) => {
    const v = config?.get(key);
    return v === undefined || v === "" ? undefined : v;
  };
  nameOf = (key: string) => config?.nameOf?.(key) ?? key;
  const concurrency = get(NCLOUD_CONFIG_KEYS.maxConcurrency);
  if (concurrency !== undefined) {
    const n = Number(concurrency);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(
        `${nameOf(NCLOUD_CONFIG_KEYS.maxConcurrency)} must be a whole number of at least 1, not "${concurrency}"`,
      );
    }
    setApiConcurrency("ncloud", n);
    setApiConcurrency("ncloudGlobalDns", n);
  }
  fromStackConfig = {
    accessKey: get(NCLOUD_CONFIG_KEYS.accessKey),
    secretKey: get(NCLOUD_CONFIG_KEYS.secretKey),
    endpoint: get(NCLOUD_CONFIG_KEYS.endpoint),
    globalDnsEndpoint: get(NCLOUD_CONFIG_KEYS.globalDnsEndpoint),
  };
}

export class MissingCredentialsError extends Error {
  override name = "MissingCredentialsError";
}

/** The Certificate Manager client for the current settings; throws a clear error naming how to set a missing key. */
export function ncloudClient(): NcloudCertificateManagerClient {
  const credentials = ncloudCredentials();
  const endpoint = fromStackConfig.endpoint ?? nonEmpty(process.env[NCLOUD_ENV_VARS.endpoint]);
  return cached(clients, endpoint, credentials, () => new NcloudCertificateManagerClient({ credentials, endpoint }));
}

/** The Global DNS client (v1) for the current settings, behind the interface a v2 client can also fill. */
export function globalDnsClient(): GlobalDnsApi {
  const credentials = ncloudCredentials();
  const endpoint = fromStackConfig.globalDnsEndpoint ?? nonEmpty(process.env[NCLOUD_ENV_VARS.globalDnsEndpoint]);
  return cached(dnsClients, endpoint, credentials, () => new NcloudGlobalDnsClient({ credentials, endpoint }));
}

function cached<C>(cache: Map<string, C>, endpoint: string | undefined, k: NcloudCredentials, make: () => C): C {
  const cacheKey = `${endpoint ?? ""}\n${k.accessKey}\n${k.secretKey}`;
  let client = cache.get(cacheKey);
  if (!client) {
    client = make();
    cache.set(cacheKey, client);
  }
  return client;
}

function ncloudCredentials(): NcloudCredentials {
  const env = process.env;
  const accessKey = fromStackConfig.accessKey ?? nonEmpty(env[NCLOUD_ENV_VARS.accessKey]);
  const secretKey = fromStackConfig.secretKey ?? nonEmpty(env[NCLOUD_ENV_VARS.secretKey]);
  const missing: string[] = [];
  if (!accessKey) {
    missing.push(
      `the access key: run \`pulumi config set ${nameOf(NCLOUD_CONFIG_KEYS.accessKey)} <key>\` or set ${NCLOUD_ENV_VARS.accessKey}`,
    );
  }
  if (!secretKey) {
    missing.push(
      `the secret key: run \`pulumi config set --secret ${nameOf(NCLOUD_CONFIG_KEYS.secretKey)} <key>\` or set ${NCLOUD_ENV_VARS.secretKey}`,
    );
  }
  if (!accessKey || !secretKey) {
    throw new MissingCredentialsError(`NCP credentials are missing. Provide ${missing.join("; and ")}.`);
  }
  return { accessKey, secretKey };
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}
