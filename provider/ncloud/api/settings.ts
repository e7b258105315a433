/**
 * Where the NCP provider gets its credentials and endpoint: stack config (`ncloud:accessKey`, `ncloud:secretKey`,
 * `ncloud:certificateManagerEndpoint`, handed to `configure()`), else the environment (`NCLOUD_ACCESS_KEY`,
 * `NCLOUD_SECRET_KEY`, `NCLOUD_CERTIFICATE_MANAGER_ENDPOINT`). Never resource inputs: those go to state.
 *
 * The environment is read at call time, not at configure time, so a rotated key works for `destroy` too.
 */
import { setApiConcurrency } from "../../shared/limiter";
import { NcloudCertificateManagerClient } from "./certificateManager";

export const NCLOUD_CONFIG_KEYS = {
  accessKey: "ncloud:accessKey",
  secretKey: "ncloud:secretKey",
  endpoint: "ncloud:certificateManagerEndpoint",
  maxConcurrency: "ncloud:maxConcurrency",
} as const;

export const NCLOUD_ENV_VARS = {
  accessKey: "NCLOUD_ACCESS_KEY",
  secretKey: "NCLOUD_SECRET_KEY",
  endpoint: "NCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
} as const;

export interface ConfigSource {
  get(key: string): string | undefined;
}

interface NcloudSettings {
  accessKey?: string;
  secretKey?: string;
  endpoint?: string;
}

// Module state of the implementation (never serialized): what configure() saw in stack config.
let fromStackConfig: NcloudSettings = {};
const clients = new Map<string, NcloudCertificateManagerClient>();

/** Called from the provider's configure(): remembers the ncloud:* stack config. */
export function configureNcloud(config: ConfigSource | undefined): void {
  const get = (key: string) => {
    const v = config?.get(key);
    return v === undefined || v === "" ? undefined : v;
  };
  const concurrency = get(NCLOUD_CONFIG_KEYS.maxConcurrency);
  if (concurrency !== undefined) {
    const n = Number(concurrency);
    if (!Number.isInteger(n) || n < 1) {
      throw new Error(
        `${NCLOUD_CONFIG_KEYS.maxConcurrency} must be a whole number of at least 1, not "${concurrency}"`,
      );
    }
    setApiConcurrency("ncloud", n);
  }
  fromStackConfig = {
    accessKey: get(NCLOUD_CONFIG_KEYS.accessKey),
    secretKey: get(NCLOUD_CONFIG_KEYS.secretKey),
    endpoint: get(NCLOUD_CONFIG_KEYS.endpoint),
  };
}

export class MissingCredentialsError extends Error {
  override name = "MissingCredentialsError";
}

/** The client for the current settings; throws a clear error naming both ways to set a missing credential. */
export function ncloudClient(): NcloudCertificateManagerClient {
  const env = process.env;
  const accessKey = fromStackConfig.accessKey ?? nonEmpty(env[NCLOUD_ENV_VARS.accessKey]);
  const secretKey = fromStackConfig.secretKey ?? nonEmpty(env[NCLOUD_ENV_VARS.secretKey]);
  const endpoint = fromStackConfig.endpoint ?? nonEmpty(env[NCLOUD_ENV_VARS.endpoint]);
  const missing: string[] = [];
  if (!accessKey) {
    missing.push(
      `the access key: run \`pulumi config set ${NCLOUD_CONFIG_KEYS.accessKey} <key>\` or set ${NCLOUD_ENV_VARS.accessKey}`,
    );
  }
  if (!secretKey) {
    missing.push(
      `the secret key: run \`pulumi config set --secret ${NCLOUD_CONFIG_KEYS.secretKey} <key>\` or set ${NCLOUD_ENV_VARS.secretKey}`,
    );
  }
  if (missing.length > 0) {
    throw new MissingCredentialsError(`NCP credentials are missing. Provide ${missing.join("; and ")}.`);
  }
  const cacheKey = `${endpoint ?? ""}\n${accessKey}\n${secretKey}`;
  let client = clients.get(cacheKey);
  if (!client) {
    client = new NcloudCertificateManagerClient({
      credentials: { accessKey: accessKey as string, secretKey: secretKey as string },
      endpoint,
    });
    clients.set(cacheKey, client);
  }
  return client;
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === "" ? undefined : v;
}
