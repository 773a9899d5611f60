/**
 * Whether an IP address is on the public internet, so the server may fetch from it on content's
 * behalf: loopback, private, carrier-grade NAT, link-local (the cloud metadata service at
 * 169.254.169.254 among them), unique-local, multicast, documentation and reserved ranges are not.
 */
import net from 'node:net';

/** IPv4 ranges that are not globally reachable (IANA special-purpose registry). */
const IPV4_NOT_PUBLIC: readonly [string, number][] = [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included: connects to the host itself on Linux
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local; cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relay anycast, deprecated
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, 255.255.255.255 included
];

/**
 * Inside global unicast (2000::/3, the only IPv6 space allowed at all), the ranges that are not an
 * ordinary host: everything outside 2000::/3 (loopback, unspecified, IPv4-mapped ::ffff:0:0/96,
 * NAT64 64:ff9b::/96, unique-local fc00::/7, link-local fe80::/10, multicast ff00::/8) is refused
 * by not being allowed.
 */
const IPV6_NOT_PUBLIC: readonly [string, number][] = [
  ['2001::', 23], // IETF protocol assignments: Teredo, benchmarking, ORCHID
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: carries an IPv4 address of any kind
  ['3fff::', 20], // documentation
];

const notPublic = new net.BlockList();
for (const [address, prefix] of IPV4_NOT_PUBLIC) notPublic.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of IPV6_NOT_PUBLIC) notPublic.addSubnet(address, prefix, 'ipv6');

const globalUnicast = new net.BlockList();
globalUnicast.addSubnet('2000::', 3, 'ipv6');

/** An IP literal without brackets or an IPv6 zone (`[fe80::1%eth0]` → `fe80::1`). */
export function toPlainAddress(value: string): string {
  return value.replace(/^\[(.*)\]$/, '$1').replace(/%.*$/, '');
}

/** True when `address` (an IP literal) is a public internet address; false for anything else. */
export function isPublicAddress(address: string): boolean {
  const plain = toPlainAddress(address.trim()).toLowerCase();
  const family = net.isIP(plain);
  if (family === 4) return !notPublic.check(plain, 'ipv4');
  if (family === 6) return globalUnicast.check(plain, 'ipv6') && !notPublic.check(plain, 'ipv6');
  return false;
}
