/**
 * The address ranges an outbound request (image URL, webhook) may never reach, as data.
 * Everything here is not globally routable unicast; IPv6 forms that carry an IPv4 address
 * (`embeds`) are judged by that IPv4 address instead of being allowed or refused as a block.
 * Sources: IANA IPv4/IPv6 Special-Purpose Address Registries (RFC 6890 and updates).
 */

/** One row of the policy table. */
export interface IpRange {
  cidr: string;
  family: 4 | 6;
  why: string;
}

/** Refused outright. */
export const blockedRanges: readonly IpRange[] = [
  { cidr: "0.0.0.0/8", family: 4, why: "this network, unspecified" },
  { cidr: "10.0.0.0/8", family: 4, why: "private (RFC 1918)" },
  { cidr: "100.64.0.0/10", family: 4, why: "CGNAT shared space (also Alibaba metadata 100.100.100.200)" },
  { cidr: "127.0.0.0/8", family: 4, why: "loopback" },
  { cidr: "169.254.0.0/16", family: 4, why: "link-local, cloud metadata 169.254.169.254" },
  { cidr: "172.16.0.0/12", family: 4, why: "private (RFC 1918)" },
  { cidr: "192.0.0.0/24", family: 4, why: "IETF protocol assignments" },
  { cidr: "192.0.2.0/24", family: 4, why: "documentation TEST-NET-1" },
  { cidr: "192.88.99.0/24", family: 4, why: "6to4 relay anycast" },
  { cidr: "192.168.0.0/16", family: 4, why: "private (RFC 1918)" },
  { cidr: "198.18.0.0/15", family: 4, why: "benchmarking" },
  { cidr: "198.51.100.0/24", family: 4, why: "documentation TEST-NET-2" },
  { cidr: "203.0.113.0/24", family: 4, why: "documentation TEST-NET-3" },
  { cidr: "224.0.0.0/4", family: 4, why: "multicast" },
  { cidr: "240.0.0.0/4", family: 4, why: "reserved, limited broadcast" },
  { cidr: "::/128", family: 6, why: "unspecified" },
  { cidr: "::1/128", family: 6, why: "loopback" },
  { cidr: "::/96", family: 6, why: "IPv4-compatible (deprecated)" },
  { cidr: "100::/64", family: 6, why: "discard-only" },
  { cidr: "2001::/23", family: 6, why: "IETF protocol assignments (Teredo 2001::/32, ORCHID…)" },
  { cidr: "2001:db8::/32", family: 6, why: "documentation" },
  { cidr: "3fff::/20", family: 6, why: "documentation (RFC 9637)" },
  { cidr: "5f00::/16", family: 6, why: "segment routing SIDs (RFC 9602)" },
  { cidr: "fc00::/7", family: 6, why: "unique local (incl. AWS metadata fd00:ec2::254)" },
  { cidr: "fe80::/10", family: 6, why: "link-local" },
  { cidr: "fec0::/10", family: 6, why: "site-local (deprecated)" },
  { cidr: "ff00::/8", family: 6, why: "multicast" },
];

/** IPv6 ranges whose address carries an IPv4 address; `at` is the index of its first 16-bit group. */
export interface EmbeddingRange extends IpRange {
  at: number;
}

/** Judged by the embedded IPv4 address (a private one is refused, a public one allowed). */
export const embeddingRanges: readonly EmbeddingRange[] = [
  { cidr: "::ffff:0:0/96", family: 6, at: 6, why: "IPv4-mapped" },
  { cidr: "::ffff:0:0:0/96", family: 6, at: 6, why: "SIIT IPv4-translated (RFC 2765)" },
  { cidr: "64:ff9b::/96", family: 6, at: 6, why: "NAT64 well-known prefix" },
  { cidr: "64:ff9b:1::/48", family: 6, at: 6, why: "NAT64 local-use prefix (RFC 8215)" },
  { cidr: "2002::/16", family: 6, at: 1, why: "6to4" },
];
