/**
 * Which setting holds the base URL a call went to, so a message about a wrong endpoint (an https URL on a plain
 * http port, a 404 page from a host that is not the API) can name the one thing to check. The names repeat
 * NCLOUD_CONFIG_KEYS / NCLOUD_ENV_VARS and NHN_CONFIG_KEYS / NHN_ENV_VARS (a test keeps them equal) because shared/
 * must not import the clouds' modules, which import shared/.
 */
import type { ApiName } from "./errors";

export interface EndpointSetting {
  /** The environment variable (read by the CLI and, as a fallback, by the Pulumi side). */
  envVar: string;
  /** The stack config key (read by the Pulumi side). */
  configKey: string;
}

/** Each API's base-URL setting (Global DNS is a separate NCP host). */
const CERTIFICATE_MANAGER: Record<ApiName, EndpointSetting> = {
  ncloud: { envVar: "NCLOUD_CERTIFICATE_MANAGER_ENDPOINT", configKey: "ncloud:certificateManagerEndpoint" },
  ncloudGlobalDns: { envVar: "NCLOUD_GLOBAL_DNS_ENDPOINT", configKey: "ncloud:globalDnsEndpoint" },
  nhncloud: { envVar: "NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT", configKey: "nhncloud:certificateManagerEndpoint" },
};
const NHN_OAUTH: EndpointSetting = { envVar: "NHNCLOUD_OAUTH_ENDPOINT", configKey: "nhncloud:oauthEndpoint" };

/** The setting behind `operation`'s URL: NHN's token call goes to the OAuth host, every other call to the API's. */
export function endpointSetting(api: ApiName, operation: string): EndpointSetting {
  return api === "nhncloud" && operation === "createToken" ? NHN_OAUTH : CERTIFICATE_MANAGER[api];
}

/** "NCLOUD_CERTIFICATE_MANAGER_ENDPOINT (or stack config ncloud:certificateManagerEndpoint)". */
export function describeEndpointSetting(api: ApiName, operation: string): string {
  const s = endpointSetting(api, operation);
  const named = `${s.envVar} (or stack config ${s.configKey})`;
  return named;
}
