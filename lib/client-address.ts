// Who a request came from: the socket's peer, or, when that peer is a proxy we trust
// (TRUSTED_PROXIES), the address that proxy recorded in X-Forwarded-For.
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import net from 'node:net';

/** The proxies trusted when TRUSTED_PROXIES is not set: this machine only (nginx beside Node). */
const LOOPBACK = '127.0.0.0/8,::1';

interface PeerState {
  storage: AsyncLocalStorage<string>;
  installed: boolean;
  trusted?: { setting: string; list: net.BlockList };
}

// Next bundles instrumentation.ts and each route apart, so the one store lives on globalThis.
const PEER_KEY = Symbol.for('hangul-news.peer-address');

function peerState(): PeerState {
  const holder = globalThis as Record<symbol, PeerState | undefined>;
  holder[PEER_KEY] ??= { storage: new AsyncLocalStorage<string>(), installed: false };
  return holder[PEER_KEY];
}

/**
 * Makes the socket's peer address known to route handlers. Next passes a handler a Request with
 * headers only, and sets X-Forwarded-For from the socket only when the client sent none
 * (base-server.js: `??=`), so whoever talks to `next start` directly could name any address. Every
 * HTTP request is run inside a context that holds its socket's address (called once, at start).
 */
export function installPeerTracking(): void {
  const state = peerState();
  if (state.installed) return;
  state.installed = true;
  const emit: (this: http.Server, event: string, ...args: unknown[]) => boolean =
    http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    const request = args[0];
    if (event === 'request' && request instanceof http.IncomingMessage) {
      return state.storage.run(request.socket.remoteAddress ?? '', () =>
        emit.apply(this, [event, ...args]),
      );
    }
    return emit.apply(this, [event, ...args]);
  };
}

/** Runs `task` as if its request came from `peer` (tests, and servers that are not http.Server). */
export function runWithPeer<T>(peer: string, task: () => T): T {
  return peerState().storage.run(peer, task);
}

/** The socket address of the request being handled, or undefined when it is not known. */
export function getPeerAddress(): string | undefined {
  return peerState().storage.getStore() || undefined;
}

/** An address without its IPv6 zone, and an IPv4 address written as IPv6 (::ffff:a.b.c.d) as IPv4. */
function plainAddress(value: string): string | undefined {
  const address = value
    .trim()
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/%.*$/, '');
  const family = net.isIP(address);
  if (family === 4) return address;
  if (family !== 6) return undefined;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  return mapped && net.isIPv4(mapped) ? mapped : address.toLowerCase();
}

/**
 * Reads TRUSTED_PROXIES: IP addresses and CIDR ranges, comma-separated. Unset means loopback only;
 * an empty value trusts no proxy. Throws an Error naming the first entry that is neither.
 */
export function parseTrustedProxies(setting: string | undefined): net.BlockList {
  const list = new net.BlockList();
  for (const entry of (setting ?? LOOPBACK)
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [base = '', bits, extra] = entry.split('/');
    const address = plainAddress(base);
    const family = address && net.isIPv6(address) ? 'ipv6' : 'ipv4';
    const prefix = bits === undefined ? (family === 'ipv6' ? 128 : 32) : Number(bits);
    const max = family === 'ipv6' ? 128 : 32;
    if (!address || extra !== undefined || !/^\d+$/.test(bits ?? String(prefix)) || prefix > max) {
      throw new Error(
        `TRUSTED_PROXIES: '${entry}'은(는) IP 주소나 CIDR 범위(예: 10.0.0.0/8)가 아닙니다`,
      );
    }
    list.addSubnet(address, prefix, family);
  }
  return list;
}

/**
 * The proxies this server trusts (TRUSTED_PROXIES, read when it changes). A wrong setting is said
 * in the log and loopback alone is trusted, so a typo never lets every client name its address.
 */
export function getTrustedProxies(): net.BlockList {
  const state = peerState();
  const setting = process.env.TRUSTED_PROXIES;
  const key = setting ?? '\u0000unset';
  if (state.trusted?.setting !== key) {
    let list: net.BlockList;
    try {
      list = parseTrustedProxies(setting);
    } catch (error) {
      console.error(
        `[client-address] ${error instanceof Error ? error.message : String(error)}: loopback만 믿습니다`,
      );
      list = parseTrustedProxies(undefined);
    }
    state.trusted = { setting: key, list };
  }
  return state.trusted.list;
}

function isTrusted(address: string, trusted: net.BlockList): boolean {
  return trusted.check(address, net.isIPv6(address) ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the socket peer, unless the peer is a trusted proxy; then X-Forwarded-For
 * is walked from the right (each proxy appends the address it saw), skipping trusted hops, and
 * the first untrusted hop is the client. What a client wrote itself sits further left and is never
 * reached. Undefined when the peer is not known.
 */
export function clientAddress(
  peer: string | undefined,
  forwardedFor: string | null,
  trusted: net.BlockList = getTrustedProxies(),
): string | undefined {
  let client = peer === undefined ? undefined : plainAddress(peer);
  if (!client) return undefined;
  const hops = (forwardedFor ?? '').split(',').reverse();
  for (const hop of hops) {
    if (!isTrusted(client, trusted)) return client;
    const address = plainAddress(hop);
    // Not an address: nothing left of it can be told from what the client wrote.
    if (!address) return client;
    client = address;
  }
  return client;
}

/** The client's address of the request being handled (see clientAddress). */
export function getClientAddress(headers: Headers): string | undefined {
  return clientAddress(getPeerAddress(), headers.get('x-forwarded-for'));
}

/** Expands an IPv6 address to its eight groups. */
function ipv6Groups(address: string): string[] {
  const [head = '', tail] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const last = right.at(-1) ?? left.at(-1) ?? '';
  // An embedded IPv4 tail (::ffff:1.2.3.4 was handled before; 64:ff9b::1.2.3.4 is not).
  if (net.isIPv4(last)) {
    const bytes = last.split('.').map(Number);
    const groups = [
      ((bytes[0] ?? 0) << 8) | (bytes[1] ?? 0),
      ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0),
    ].map((n) => n.toString(16));
    (right.length ? right : left).splice(-1, 1, ...groups);
  }
  const missing = tail === undefined ? 0 : 8 - left.length - right.length;
  return [...left, ...Array<string>(missing).fill('0'), ...right].map((group) =>
    group.padStart(4, '0'),
  );
}

/**
 * The unit a client is counted as: an IPv4 address, or an IPv6 address's /64 (one household or
 * phone is handed a whole /64 and may pick any address in it).
 */
export function addressGroup(address: string): string {
  const plain = plainAddress(address);
  if (!plain || net.isIPv4(plain)) return plain ?? address;
  return `${ipv6Groups(plain).slice(0, 4).join(':')}::/64`;
}

/**
 * The network a client sits in, for budgets one client must not exhaust alone: an IPv4 /24, or an
 * IPv6 /48 (what one site or subscriber is routed; it holds 65,536 /64s).
 */
export function addressNetwork(address: string): string {
  const plain = plainAddress(address);
  if (!plain) return address;
  if (net.isIPv4(plain)) return `${plain.split('.').slice(0, 3).join('.')}.0/24`;
  return `${ipv6Groups(plain).slice(0, 3).join(':')}::/48`;
}
