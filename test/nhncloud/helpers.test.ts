/** Small pure pieces of the NHN data sources: names, dates, domains and settings. */
import { afterEach, describe, expect, it } from "vitest";
import { fileNameFrom } from "../../provider/nhncloud/client";
import { daysUntil, domainCovers } from "../../provider/nhncloud/getCertificates";
import { nhnClientOptions, nhnClientOptionsFromEnvironment } from "../../provider/nhncloud/settings";

const ENV = ["NHNCLOUD_CERTIFICATE_MANAGER_APPKEY", "NHNCLOUD_USER_ACCESS_KEY_ID", "NHNCLOUD_USER_SECRET_ACCESS_KEY"];
afterEach(() => {
  for (const k of ENV) delete process.env[k];
});

describe("fileNameFrom (Content-Disposition)", () => {
  it("reads quoted, bare and RFC 5987 forms, preferring filename*", () => {
    expect(fileNameFrom('attachment; filename="site.pem"')).toBe("site.pem");
    expect(fileNameFrom("attachment; filename=site.pem")).toBe("site.pem");
    expect(fileNameFrom(`attachment; filename="cert.pem"; filename*=UTF-8''%EC%98%88%EC%8B%9C.pem`)).toBe("예시.pem");
    expect(fileNameFrom(undefined)).toBeUndefined();
  });
});

describe("domainCovers", () => {
  it("matches exact names and one-label wildcards only", () => {
    expect(domainCovers("example.com", "EXAMPLE.com")).toBe(true);
    expect(domainCovers("*.example.com", "www.example.com")).toBe(true);
    expect(domainCovers("*.example.com", "a.b.example.com")).toBe(false);
    expect(domainCovers("*.example.com", "example.com")).toBe(false);
    expect(domainCovers("www.example.com", "*.example.com")).toBe(false);
  });
});

describe("daysUntil", () => {
  it("counts Korean calendar days; negative once expired", () => {
    const now = Date.parse("2026-11-23T16:00:00Z"); // already 2026-11-24 in Korea
    expect(daysUntil("2026-11-24", now)).toBe(0);
    expect(daysUntil("2026-12-24", now)).toBe(30);
    expect(daysUntil("2026-11-20", now)).toBe(-4);
    expect(daysUntil("soon", now)).toBeUndefined();
  });
});

describe("nhnClientOptions", () => {
  const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

  it("takes the argument first, then config, then the environment", () => {
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = "from-env";
    expect(nhnClientOptions("from-arg", config({ certificateManagerAppKey: "from-config" })).appKey).toBe("from-arg");
    expect(nhnClientOptions(undefined, config({ certificateManagerAppKey: "from-config" })).appKey).toBe("from-config");
    expect(nhnClientOptions(undefined, config({})).appKey).toBe("from-env");
  });

  it("names every way to set a missing appkey, and refuses half a User Access Key", () => {
    expect(() => nhnClientOptions(undefined, config({}))).toThrow(
      /appKey.*nhncloud:certificateManagerAppKey.*NHNCLOUD_CERTIFICATE_MANAGER_APPKEY/,
    );
    process.env.NHNCLOUD_USER_ACCESS_KEY_ID = "id";
    expect(() => nhnClientOptions("k", config({}))).toThrow(
      /nhncloud:userSecretAccessKey.*NHNCLOUD_USER_SECRET_ACCESS_KEY/,
    );
    process.env.NHNCLOUD_USER_SECRET_ACCESS_KEY = "secret";
    expect(nhnClientOptions("k", config({})).userAccessKey).toEqual({
      userAccessKeyId: "id",
      secretAccessKey: "secret",
    });
  });

  it("for the CLI, which reads no stack config, names only the environment variables", () => {
    expect(() => nhnClientOptionsFromEnvironment()).toThrow(
      /needs an appkey: set NHNCLOUD_CERTIFICATE_MANAGER_APPKEY\./,
    );
    expect(() => nhnClientOptionsFromEnvironment()).not.toThrow(/pulumi config|nhncloud:/);
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_APPKEY = "k";
    process.env.NHNCLOUD_USER_ACCESS_KEY_ID = "id";
    expect(() => nhnClientOptionsFromEnvironment()).toThrow(
      "set NHNCLOUD_USER_SECRET_ACCESS_KEY too, or unset NHNCLOUD_USER_ACCESS_KEY_ID to use API v1.2",
    );
  });
});
