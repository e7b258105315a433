// The README's story in Go, on the SDK generated from the schema (npm run build:sdks): an NCP Advanced certificate,
// its DNS validation records in Global DNS, the wait for issuance, and a certificate kept in NHN Cloud registered
// in NCP for its load balancers. It uses every resource and function of package certmanager-kr, so the SDK check
// (test/native/sdks.test.ts) compiles each of them against github.com/pulumi/pulumi/sdk/v3.
package main

import (
	certmanagerkr "example.com/pulumi-certmanager-kr/sdk/go/certmanagerkr"
	"example.com/pulumi-certmanager-kr/sdk/go/certmanagerkr/ncloud"
	"example.com/pulumi-certmanager-kr/sdk/go/certmanagerkr/nhncloud"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		zone := cfg.Require("domain")

		// NCP credentials as secrets of this stack (`pulumi config set --secret ncloudAccessKey …`); NHN Cloud's come
		// from NHNCLOUD_* in the environment, as every setting left out here does.
		provider, err := certmanagerkr.NewProvider(ctx, "kr", &certmanagerkr.ProviderArgs{
			AccessKey: cfg.RequireSecret("ncloudAccessKey"),
			SecretKey: cfg.RequireSecret("ncloudSecretKey"),
		})
		if err != nil {
			return err
		}
		withProvider := pulumi.Provider(provider)

		site, err := ncloud.NewAdvancedCertificate(ctx, "site", &ncloud.AdvancedCertificateArgs{
			CommonName: pulumi.String(zone),
			DnsNames:   pulumi.StringArray{pulumi.String("www." + zone)},
			Key:        ncloud.AdvancedCertificateKeyArgs{Algorithm: pulumi.String("ECDSA")},
		}, withProvider)
		if err != nil {
			return err
		}

		// One TXT record per domain, with the value NCP asks for.
		var fqdns pulumi.StringArray
		for i, host := range []string{"_dnsauth", "_dnsauth.www"} {
			record, err := ncloud.NewGlobalDnsRecord(ctx, host, &ncloud.GlobalDnsRecordArgs{
				Zone:    pulumi.String(zone),
				Host:    pulumi.String(host),
				Type:    pulumi.String("TXT"),
				Content: site.DcvRecords.Index(pulumi.Int(i)).Value().Elem(),
			}, withProvider)
			if err != nil {
				return err
			}
			fqdns = append(fqdns, record.Fqdn.Elem())
		}

		issued, err := ncloud.NewAdvancedCertificateValidation(ctx, "issued", &ncloud.AdvancedCertificateValidationArgs{
			CertificateNo:         site.CertificateNo.Elem(),
			ValidationRecordFqdns: fqdns,
		}, withProvider)
		if err != nil {
			return err
		}

		// A certificate kept in NHN Cloud, registered in NCP so an NCP load balancer can serve it.
		inventory := nhncloud.GetCertificatesOutput(ctx, nhncloud.GetCertificatesOutputArgs{
			Domain: pulumi.String(zone),
		}, withProvider)
		file := nhncloud.GetCertificateFileOutput(ctx, nhncloud.GetCertificateFileOutputArgs{
			CertificateName: inventory.Certificates().Index(pulumi.Int(0)).CertificateName(),
		}, withProvider)
		fromNhn, err := ncloud.NewExternalCertificate(ctx, "from-nhn", &ncloud.ExternalCertificateArgs{
			PemBundle: file.Pem(),
		}, withProvider)
		if err != nil {
			return err
		}

		ctx.Export("certificateNo", issued.CertificateNo)
		ctx.Export("notAfter", issued.NotAfter)
		ctx.Export("nhnCertificates", inventory.TotalCount())
		ctx.Export("sslCertificateNo", fromNhn.CertificateNo)
		return nil
	})
}
