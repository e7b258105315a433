/**
 * Where the NHN data sources get their appkey, User Access Key and endpoints: the function's own `appKey`
 * argument, else stack config (`nhncloud:*`, read in the program process), else the environment.
 */
import type { NhnClientOptions } from "./client";

export const NHN_CONFIG_NAMESPACE = "nhncloud";

export const NHN_CONFIG_KEYS = {
  appKey: "nhncloud:certificateManagerAppKey",
  userAccessKeyId: "nhncloud:userAccessKeyId",
  userSecretAccessKey: "nhncloud:userSecretAccessKey",
  endpoint: "nhncloud:certificateManagerEndpoint",
  oauthEndpoint: "nhncloud:oauthEndpoint",
} as const;

export const NHN_ENV_VARS = {
  appKey: "NHNCLOUD_CERTIFICATE_MANAGER_APPKEY",
  userAccessKeyId: "NHNCLOUD_USER_ACCESS_KEY_ID",
  userSecretAccessKey: "NHNCLOUD_USER_SECRET_ACCESS_KEY",
  endpoint: "NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT",
  oauthEndpoint: "NHNCLOUD_OAUTH_ENDPOINT",
} as const;

/** Reads a key without namespace, e.g. `certificateManagerAppKey` (pulumi.Config("nhncloud") fits). */
export interface NhnConfigReader {
  get(key: string): string | undefined;
  /** How this door's users write a key in messages (the native plugin: `certmanager-kr:nhncloudAppKey`). */
  nameOf?(key: string): string;
}

export class NhnSettingsError extends Error {
  override name = "NhnSettingsError";
}

/**
 * The client options for a Pulumi program: the explicit appKey, else stack config, else the environment. A missing
 * setting is an NhnSettingsError naming every way to give it.
 */
export function nhnClientOptions(explicitAppKey: string | undefined, config?: NhnConfigReader): NhnClientOptions {
  const name = (key: string) => config?.nameOf?.(key) ?? key;
  return resolve(explicitAppKey, config, {
    appKey: `pass appKey, run \`pulumi config set --secret ${name(NHN_CONFIG_KEYS.appKey)} <appkey>\`, or set ${NHN_ENV_VARS.appKey}`,
    halfKey: (missing) => `set ${name(NHN_CONFIG_KEYS[missing])} (or ${NHN_ENV_VARS[missing]}) too, or remove both`,
  });
}

/**
 * The client options from the environment alone, for the `certmanager-kr` CLI: it reads no stack config, so its
 * messages name only the environment variables (telling a CLI user to run `pulumi config set` would not help).
 */
export function nhnClientOptionsFromEnvironment(): NhnClientOptions {
  return resolve(undefined, undefined, {
    appKey: `set ${NHN_ENV_VARS.appKey}`,
    halfKey: (missing, present) => `set ${NHN_ENV_VARS[missing]} too, or unset ${NHN_ENV_VARS[present]}`,
  });
}

type UserKeyField = "userAccessKeyId" | "userSecretAccessKey";

function resolve(
  explicitAppKey: string | undefined,
  config: NhnConfigReader | undefined,
  fix: { appKey: string; halfKey: (missing: UserKeyField, present: UserKeyField) => string },
): NhnClientOptions {
  const pick = (name: keyof typeof NHN_CONFIG_KEYS): string | undefined => {
    const fromConfig = config?.get(NHN_CONFIG_KEYS[name].slice(NHN_CONFIG_NAMESPACE.length + 1));
    const value = fromConfig !== undefined && fromConfig !== "" ? fromConfig : process.env[NHN_ENV_VARS[name]];
    return value === undefined || value === "" ? undefined : value;
  };
  const appKey = explicitAppKey ?? pick("appKey");
  if (!appKey) {
    throw new NhnSettingsError(
      `NHN Cloud Certificate Manager needs an appkey: ${fix.appKey}. It is on the console's Certificate Manager "URL & Appkey" page.`,
    );
  }
  const id = pick("userAccessKeyId");
  const secret = pick("userSecretAccessKey");
  if ((id === undefined) !== (secret === undefined)) {
    const [missing, present]: UserKeyField[] =
      id === undefined ? ["userAccessKeyId", "userSecretAccessKey"] : ["userSecretAccessKey", "userAccessKeyId"];
    throw new NhnSettingsError(
      `NHN Cloud User Access Key is incomplete: ${fix.halfKey(missing, present)} to use API v1.2 with the appkey alone.`,
    );
  }
  return {
    appKey,
    endpoint: pick("endpoint"),
    oauthEndpoint: pick("oauthEndpoint"),
    userAccessKey: id && secret ? { userAccessKeyId: id, secretAccessKey: secret } : undefined,
  };
}
