// A certificate kept in NHN Cloud Certificate Manager, served by an NHN Cloud load balancer.
// NHN's load balancer and key manager speak the OpenStack APIs, so @pulumi/openstack (3.x, `useOctavia: false`,
// provider config `openstack:authUrl` = https://api-identity-infrastructure.nhncloudservice.com/v2.0, tenantId,
// userName, password = the API password, region) creates the key-manager secrets, the certificate container and
// the TERMINATED_HTTPS listener that references it.
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { nhncloud } from "pulumi-certmanager-kr";

const config = new pulumi.Config();
const certificateName = config.require("certificateName");

// Read on every preview and up: a certificate renewed in NHN Cloud shows up as a change here.
// The whole result is a secret (it carries the private key).
const file = nhncloud.getCertificateFileOutput({ certificateName });

// `createListener: false` leaves the OpenStack resources out (e.g. to try the certificate part offline against the
// emulator, where no OpenStack endpoint exists).
function listenerFor(file: pulumi.Output<nhncloud.GetCertificateFileResult>) {
  const loadbalancerId = config.require("loadbalancerId");
  // One PEM with the leaf and its intermediates, as NHN's load balancer expects. No expiration on these secrets:
  // an expired secret is deleted by the key manager, which would break the listener.
  const certificateSecret = new openstack.keymanager.SecretV1("certificate", {
    name: `${certificateName}-certificate`,
    payload: file.fullChainPem,
    payloadContentType: "text/plain",
    secretType: "certificate",
  });

  const privateKeySecret = new openstack.keymanager.SecretV1("private-key", {
    name: `${certificateName}-private-key`,
    payload: file.apply((f: nhncloud.GetCertificateFileResult) => {
      if (!f.privateKeyPem) throw new Error(`NHN certificate ${certificateName} has no private key in its file`);
      return f.privateKeyPem;
    }),
    payloadContentType: "text/plain",
    secretType: "private",
  });

  const container = new openstack.keymanager.ContainerV1("tls", {
    name: `${certificateName}-tls`,
    type: "certificate",
    secretRefs: [
      { name: "certificate", secretRef: certificateSecret.secretRef },
      { name: "private_key", secretRef: privateKeySecret.secretRef },
    ],
  });

  const listener = new openstack.loadbalancer.Listener("https", {
    loadbalancerId,
    protocol: "TERMINATED_HTTPS",
    protocolPort: 443,
    defaultTlsContainerRef: container.containerRef,
  });

  return { listenerId: listener.id, tlsContainerRef: container.containerRef };
}

const created = config.getBoolean("createListener") === false ? undefined : listenerFor(file);
export const listenerId = created?.listenerId;
export const tlsContainerRef = created?.tlsContainerRef;
// Public facts of the certificate, exported in clear on purpose.
export const certificateExpires = pulumi.unsecret(file.notAfter);
export const certificateDomains = pulumi.unsecret(file.domains);
