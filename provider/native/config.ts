/**
 * The plugin's provider configuration (`certmanager-kr:<name>` in stack config), declared once: the schema's
 * `config` and `provider` sections come from it, and configure hands each value to the implementation under the
 * key the dynamic resources read from stack config (`ncloud:accessKey`, `nhncloud:certificateManagerAppKey`, ...),
 * so both doors share one settings module per cloud. The environment variables work as they do for the dynamic door.
 */
import { NCLOUD_CONFIG_KEYS, NCLOUD_ENV_VARS } from "../ncloud/api/settings";
import { NHN_CONFIG_KEYS, NHN_ENV_VARS } from "../nhncloud/settings";
import type { Field } from "../schema/fields";

interface ConfigField extends Field {
  /** The key the implementation reads (the dynamic door's stack-config key). */
  key: string;
}

const env = (name: string) => ` Default: env \`${name}\`.`;

export const PROVIDER_CONFIG: Readonly<Record<string, ConfigField>> = {
  accessKey: {
    type: "string",
    secret: true,
    key: NCLOUD_CONFIG_KEYS.accessKey,
    description: `NCP API access key (Certificate Manager and Global DNS).${env(NCLOUD_ENV_VARS.accessKey)}`,
  },
  secretKey: {
    type: "string",
    secret: true,
    key: NCLOUD_CONFIG_KEYS.secretKey,
    description: `NCP API secret key.${env(NCLOUD_ENV_VARS.secretKey)}`,
  },
  certificateManagerEndpoint: {
    type: "string",
    key: NCLOUD_CONFIG_KEYS.endpoint,
    description: `NCP Certificate Manager endpoint.${env(NCLOUD_ENV_VARS.endpoint)}`,
  },
  globalDnsEndpoint: {
    type: "string",
    key: NCLOUD_CONFIG_KEYS.globalDnsEndpoint,
    description: `NCP Global DNS endpoint.${env(NCLOUD_ENV_VARS.globalDnsEndpoint)}`,
  },
  maxConcurrency: {
    type: "integer",
    key: NCLOUD_CONFIG_KEYS.maxConcurrency,
    description: "At most this many NCP API requests at once.",
  },
  nhncloudAppKey: {
    type: "string",
    secret: true,
    key: NHN_CONFIG_KEYS.appKey,
    description: `NHN Cloud Certificate Manager appkey (the data sources).${env(NHN_ENV_VARS.appKey)}`,
  },
  nhncloudUserAccessKeyId: {
    type: "string",
    secret: true,
    key: NHN_CONFIG_KEYS.userAccessKeyId,
    description: `NHN Cloud User Access Key ID (API v1.3).${env(NHN_ENV_VARS.userAccessKeyId)}`,
  },
  nhncloudUserSecretAccessKey: {
    type: "string",
    secret: true,
    key: NHN_CONFIG_KEYS.userSecretAccessKey,
    description: `NHN Cloud User Secret Access Key.${env(NHN_ENV_VARS.userSecretAccessKey)}`,
  },
  nhncloudCertificateManagerEndpoint: {
    type: "string",
    key: NHN_CONFIG_KEYS.endpoint,
    description: `NHN Cloud Certificate Manager endpoint.${env(NHN_ENV_VARS.endpoint)}`,
  },
  nhncloudOauthEndpoint: {
    type: "string",
    key: NHN_CONFIG_KEYS.oauthEndpoint,
    description: `NHN Cloud OAuth endpoint (User Access Key tokens).${env(NHN_ENV_VARS.oauthEndpoint)}`,
  },
};

/** The provider's configuration as the implementation reads it: by its dynamic-door key (`ncloud:accessKey`). */
export function configByKey(variables: Record<string, unknown>): Map<string, string> {
  const byKey = new Map<string, string>();
  for (const [name, field] of Object.entries(PROVIDER_CONFIG)) {
    const v = variables[name] ?? variables[`certmanager-kr:${name}`];
    if (v !== undefined && v !== null && v !== "") byKey.set(field.key, typeof v === "string" ? v : JSON.stringify(v));
  }
  return byKey;
}

/** The plugin's name for a key the implementation reads (`ncloud:accessKey` → `certmanager-kr:accessKey`). */
export function nativeName(key: string): string {
  const found = Object.entries(PROVIDER_CONFIG).find(([, field]) => field.key === key);
  return found ? `certmanager-kr:${found[0]}` : key;
}
