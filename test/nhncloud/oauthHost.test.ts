/**
 * Issue 15, gap 6: where the User Access Key's secret goes. The token call carries it (Basic auth), so its host is
 * never guessed from a Certificate Manager override: public and gov endpoints map to their own OAuth hosts, a
 * loopback endpoint (the emulator, which serves both) is followed, and any other override needs the OAuth endpoint
 * set explicitly.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_NHN_OAUTH_ENDPOINT, NhnCertificateManagerClient } from "../../provider/nhncloud/client";

const key = { userAccessKeyId: "uak-id", secretAccessKey: "uak-secret" };
const client = (endpoint?: string, oauthEndpoint?: string) =>
  new NhnCertificateManagerClient({ appKey: "app", endpoint, oauthEndpoint, userAccessKey: key });

describe("the OAuth host for a User Access Key", () => {
  it("is NHN's public one by default and for the public Certificate Manager host", () => {
    expect(client().oauthEndpoint).toBe(DEFAULT_NHN_OAUTH_ENDPOINT);
    expect(client("https://certmanager.api.nhncloudservice.com").oauthEndpoint).toBe(DEFAULT_NHN_OAUTH_ENDPOINT);
  });

  it("is the gov one for the gov Certificate Manager host: Basic credentials never go to the CM host", () => {
    const gov = client("https://certmanager.api.gov-nhncloudservice.com");
    expect(gov.oauthEndpoint).toBe("https://oauth.api.gov-nhncloudservice.com");
    expect(gov.oauthEndpoint).not.toBe(gov.endpoint);
  });

  it("follows a loopback endpoint (the emulator serves both), and an explicit setting always wins", () => {
    expect(client("http://127.0.0.1:8080").oauthEndpoint).toBe("http://127.0.0.1:8080");
    expect(client("http://localhost:9000").oauthEndpoint).toBe("http://localhost:9000");
    expect(client("https://proxy.example.com", "https://oauth.example.com").oauthEndpoint).toBe(
      "https://oauth.example.com",
    );
  });

  it("is refused, naming the setting, for any other override: the secret is not sent to a guessed host", () => {
    expect(() => client("https://proxy.example.com")).toThrow(
      /NHNCLOUD_OAUTH_ENDPOINT \(or stack config nhncloud:oauthEndpoint\)/,
    );
    // Without a User Access Key there is no token call, so nothing to decide.
    expect(
      () => new NhnCertificateManagerClient({ appKey: "app", endpoint: "https://proxy.example.com" }),
    ).not.toThrow();
  });
});
