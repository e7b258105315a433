/**
 * `pulumi-certmanager-kr/provider`: the implementation that serialized Pulumi providers load at run time.
 *
 * This subpath is a frozen contract: stacks keep the serialized forwarder they were deployed with, and that text
 * calls `require("pulumi-certmanager-kr/provider")`. Its exports may grow; existing names never change meaning.
 */
export * as crypto from "../crypto";
export * as ncloudClient from "../ncloud";
