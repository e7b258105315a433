/**
 * Messages a user reads first (issue #17, item 5): sentences joined without doubled full stops, the name asked for
 * in a not-found message, and transport or 404 failures that point at the endpoint setting to check.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../../provider/emulator";
import { NcloudCertificateManagerClient } from "../../provider/ncloud/api/certificateManager";
import { NCLOUD_CONFIG_KEYS, NCLOUD_ENV_VARS } from "../../provider/ncloud/api/settings";
import { clearNhnTokenCache, NhnCertificateManagerClient } from "../../provider/nhncloud/client";
import { getCertificateFile } from "../../provider/nhncloud/getCertificateFile";
import { NHN_CONFIG_KEYS, NHN_ENV_VARS } from "../../provider/nhncloud/settings";
import { endpointSetting } from "../../provider/shared/endpoints";
import { ApiError, TransportError } from "../../provider/shared/errors";
import { closeSharedAgents } from "../../provider/shared/http";
import { joinSentences, withoutFinalStop } from "../../provider/shared/sentences";
import { failure } from "../helpers/failure";

describe("joinSentences", () => {
  it("puts exactly one full stop between sentences, whether or not a part has its own", () => {
    expect(joinSentences("Certificate name does not exist.", "No certificate is named x.")).toBe(
      "Certificate name does not exist. No certificate is named x.",
    );
    expect(joinSentences("it failed", "Try again")).toBe("it failed. Try again");
    expect(joinSentences("Why?", undefined, "", "Because!")).toBe("Why? Because!");
    expect(joinSentences("a  ", "  b.")).toBe("a. b.");
    expect(joinSentences()).toBe("");
  });

  it("withoutFinalStop drops one full stop and keeps an ellipsis", () => {
    expect(withoutFinalStop("does not exist.")).toBe("does not exist");
    expect(withoutFinalStop("and so on...")).toBe("and so on...");
    expect(withoutFinalStop("no stop")).toBe("no stop");
  });
});

describe("ApiError messages", () => {
  it("never double a full stop between the API's message, its details and our hint", () => {
    const err = new ApiError({
      api: "ncloud",
      operation: "requestPaidCertificateIssuance",
      kind: "api",
      httpStatus: 400,
      code: "2100",
      apiMessage: "Organization 5 does not exist.",
      details: "organizationNo",
      requestId: "r-1",
      hint: "Check the organization.",
    });
    expect(err.message).not.toMatch(/\.\./);
    expect(err.message).toContain("Organization 5 does not exist (organizationNo) [request id r-1]. Check the");
    const plain = new ApiError({
      api: "nhncloud",
      operation: "x",
      kind: "api",
      httpStatus: 200,
      apiMessage: "Gone.",
      hint: "Look.",
    });
    expect(plain.message).toMatch(/: Gone\. Look$/);
  });

  it("end without a full stop, so code that wraps them ('failed: <message>. Next step') never doubles one", () => {
    for (const init of [
      { apiMessage: "Certificate name does not exist." },
      { apiMessage: "Busy.", hint: "NCP's backend is unavailable; try again shortly." },
      { details: "x", hint: "Look." },
    ]) {
      const err = new ApiError({ api: "ncloud", operation: "op", kind: "api", httpStatus: 503, ...init });
      expect(`failed: ${err.message}. The order is recorded in the stack.`).not.toMatch(/\.\./);
    }
  });
});

describe("the endpoint settings named in messages", () => {
  it("are the ones the clouds' settings read", () => {
    expect(endpointSetting("ncloud", "listCertificates")).toEqual({
      envVar: NCLOUD_ENV_VARS.endpoint,
      configKey: NCLOUD_CONFIG_KEYS.endpoint,
    });
    expect(endpointSetting("ncloudGlobalDns", "getRecordList")).toEqual({
      envVar: NCLOUD_ENV_VARS.globalDnsEndpoint,
      configKey: NCLOUD_CONFIG_KEYS.globalDnsEndpoint,
    });
    expect(endpointSetting("nhncloud", "listCertificates")).toEqual({
      envVar: NHN_ENV_VARS.endpoint,
      configKey: NHN_CONFIG_KEYS.endpoint,
    });
    expect(endpointSetting("nhncloud", "createToken")).toEqual({
      envVar: NHN_ENV_VARS.oauthEndpoint,
      configKey: NHN_CONFIG_KEYS.oauthEndpoint,
    });
  });
});

describe("against the emulator", () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
    process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT = emulator.url;
  });
  afterAll(async () => {
    delete process.env.NHNCLOUD_CERTIFICATE_MANAGER_ENDPOINT;
    await emulator.close();
  });

  it("a missing NHN certificate names the name asked for, with single full stops", async () => {
    const err = await failure(
      getCertificateFile({ appKey: emulator.nhncloud.appKey, certificateName: "nope.example.com" }),
    );
    expect(err.message).toContain('"nope.example.com"');
    expect(err.message).toContain("Certificate name does not exist. No certificate");
    expect(err.message).not.toMatch(/\.\./);
  });

  it("an unknown id names the id asked for", async () => {
    const client = new NhnCertificateManagerClient({
      appKey: emulator.nhncloud.appKey,
      endpoint: emulator.url,
      userAccessKey: {
        userAccessKeyId: emulator.nhncloud.userAccessKeyId,
        secretAccessKey: emulator.nhncloud.secretAccessKey,
      },
    });
    const err = await failure(client.downloadCertificateFileById(987654));
    expect(err.message).toContain("987654");
    expect(err.message).not.toMatch(/\.\./);
    clearNhnTokenCache();
  });
});

describe("a wrong endpoint", () => {
  // What a host that is not the API answers: plain http, and an HTML 404 page for every path.
  let server: http.Server;
  let port: number;
  let connections = 0;
  beforeAll(async () => {
    server = http.createServer((_req, res) => {
      res.writeHead(404, { "content-type": "text/html" });
      res.end("<!DOCTYPE html><html><head><title>404 Not Found</title></head><body>Not Found</body></html>");
    });
    server.on("connection", () => {
      connections++;
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    port = (server.address() as AddressInfo).port;
  });
  afterEach(() => clearNhnTokenCache());
  afterAll(async () => {
    await closeSharedAgents();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  const ncp = (scheme: string) =>
    new NcloudCertificateManagerClient({
      credentials: { accessKey: "AK", secretKey: "SK" },
      endpoint: `${scheme}://127.0.0.1:${port}`,
    });
  const nhn = (scheme: string, oauthScheme = scheme, withKey = false) =>
    new NhnCertificateManagerClient({
      appKey: "APPKEY-123",
      endpoint: `${scheme}://127.0.0.1:${port}`,
      oauthEndpoint: `${oauthScheme}://127.0.0.1:${port}`,
      userAccessKey: withKey ? { userAccessKeyId: "id", secretAccessKey: "secret-key" } : undefined,
    });

  it("https on a plain http port says so and names the endpoint variable, without 'may have been processed'", async () => {
    const cases: [() => Promise<unknown>, string][] = [
      [() => ncp("https").listCertificates(), NCLOUD_ENV_VARS.endpoint],
      [() => nhn("https").listCertificatesPage({}), NHN_ENV_VARS.endpoint],
      [() => nhn("http", "https", true).listCertificatesPage({}), NHN_ENV_VARS.oauthEndpoint],
    ];
    for (const [call, envVar] of cases) {
      const err = (await failure(call())) as TransportError;
      expect(err).toBeInstanceOf(TransportError);
      expect(err.ambiguous).toBe(false);
      expect(err.message).not.toContain("may have been processed");
      expect(err.message).toMatch(/plain http/);
      expect(err.message).toContain(envVar);
      expect(err.message).not.toMatch(/ssl3_get_record|deps\/openssl/); // OpenSSL's internals help nobody
    }
  });

  it("is not retried: a wrong scheme cannot fix itself", async () => {
    const before = connections;
    await failure(ncp("https").listCertificates());
    expect(connections - before).toBe(1);
  });

  it("an HTML 404 page hints at the endpoint setting of the cloud (and call) concerned", async () => {
    const cases: [() => Promise<unknown>, string, string][] = [
      [() => ncp("http").listCertificates(), NCLOUD_ENV_VARS.endpoint, NCLOUD_CONFIG_KEYS.endpoint],
      [() => nhn("http").listCertificatesPage({}), NHN_ENV_VARS.endpoint, NHN_CONFIG_KEYS.endpoint],
      [() => nhn("http").downloadCertificateFile("a.example.com"), NHN_ENV_VARS.endpoint, NHN_CONFIG_KEYS.endpoint],
      [
        () => nhn("http", "http", true).listCertificatesPage({}),
        NHN_ENV_VARS.oauthEndpoint,
        NHN_CONFIG_KEYS.oauthEndpoint,
      ],
    ];
    for (const [call, envVar, configKey] of cases) {
      const err = (await failure(call())) as ApiError;
      expect(err).toBeInstanceOf(ApiError);
      expect(err.httpStatus).toBe(404);
      expect(err.message).toContain(envVar);
      expect(err.message).toContain(configKey);
      expect(err.message).not.toMatch(/\.\./);
    }
  });

  it("a 404 the API itself answers (JSON) gets no endpoint hint", () => {
    const err = new ApiError({
      api: "ncloud",
      operation: "getCertificate",
      kind: "http",
      httpStatus: 404,
      details: '{"error":"Not Found"}',
    });
    expect(err.message).not.toContain("ENDPOINT");
  });
});
