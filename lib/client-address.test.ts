import http from 'node:http';
import type net from 'node:net';

import { afterEach, describe, expect, it, vi } from 'vitest';

import {
  addressGroup,
  clientAddress,
  getClientAddress,
  getTrustedProxies,
  installPeerTracking,
  parseTrustedProxies,
} from './client-address';

afterEach(() => {
  delete process.env.TRUSTED_PROXIES;
});

describe('the client address', () => {
  const loopback = parseTrustedProxies(undefined);

  it('is the socket peer when the peer is not a trusted proxy, whatever X-Forwarded-For says', () => {
    expect(clientAddress('192.0.2.50', '198.51.100.1', loopback)).toBe('192.0.2.50');
    expect(clientAddress('192.0.2.50', null, loopback)).toBe('192.0.2.50');
  });

  it('is the first untrusted hop from the right when a trusted proxy sent it', () => {
    // nginx on this machine appended the address it saw; the client wrote the rest itself.
    expect(clientAddress('127.0.0.1', '1.1.1.1, 203.0.113.7', loopback)).toBe('203.0.113.7');
    expect(clientAddress('::1', '203.0.113.7', loopback)).toBe('203.0.113.7');
    expect(clientAddress('::ffff:127.0.0.1', '203.0.113.7', loopback)).toBe('203.0.113.7');
    // A load balancer in front of nginx, both trusted: its hop is skipped too.
    const chain = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');
    expect(clientAddress('127.0.0.1', '6.6.6.6, 203.0.113.7, 10.1.2.3', chain)).toBe('203.0.113.7');
    // Garbage where an address should be: the last address a trusted proxy wrote stands.
    expect(clientAddress('127.0.0.1', 'not-an-address, 10.1.2.3', chain)).toBe('10.1.2.3');
    // A request from the trusted proxy itself, with no header.
    expect(clientAddress('127.0.0.1', null, loopback)).toBe('127.0.0.1');
  });

  it('trusts no X-Forwarded-For when TRUSTED_PROXIES is empty', () => {
    expect(clientAddress('127.0.0.1', '203.0.113.7', parseTrustedProxies(''))).toBe('127.0.0.1');
  });

  it('is unknown without a peer', () => {
    expect(clientAddress(undefined, '203.0.113.7', loopback)).toBeUndefined();
  });

  it('groups IPv6 by its /64 and leaves IPv4 alone', () => {
    expect(addressGroup('2001:db8:1:2::1')).toBe('2001:0db8:0001:0002::/64');
    expect(addressGroup('2001:DB8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:0db8:0001:0002::/64');
    expect(addressGroup('fe80::1%eth0')).toBe('fe80:0000:0000:0000::/64');
    expect(addressGroup('::')).toBe('0000:0000:0000:0000::/64');
    expect(addressGroup('64:ff9b::192.0.2.1')).toBe('0064:ff9b:0000:0000::/64');
    expect(addressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
    expect(addressGroup('203.0.113.7')).toBe('203.0.113.7');
  });
});

describe('TRUSTED_PROXIES', () => {
  it('takes addresses and CIDR ranges of both families', () => {
    const list = parseTrustedProxies(' 10.0.0.0/8 ,2001:db8::/32, 192.0.2.1 ');
    expect(list.check('10.9.9.9', 'ipv4')).toBe(true);
    expect(list.check('2001:db8:ffff::1', 'ipv6')).toBe(true);
    expect(list.check('192.0.2.1', 'ipv4')).toBe(true);
    expect(list.check('192.0.2.2', 'ipv4')).toBe(false);
    expect(list.check('127.0.0.1', 'ipv4')).toBe(false);
  });

  it('names a wrong entry, and then trusts loopback only, said in the log', () => {
    for (const wrong of ['10.0.0.0/33', 'nginx.local', '10.0.0.0/8/1', '10.0.0.0/x', '::1/129']) {
      expect(() => parseTrustedProxies(wrong)).toThrow(`TRUSTED_PROXIES: '${wrong}'`);
    }
    process.env.TRUSTED_PROXIES = '10.0.0.0/8, 192.0.2.300';
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const list = getTrustedProxies();
    expect(String(log.mock.calls[0]?.[0])).toContain("'192.0.2.300'");
    expect(list.check('127.0.0.1', 'ipv4')).toBe(true);
    expect(list.check('10.1.1.1', 'ipv4')).toBe(false);
    log.mockRestore();
  });
});

describe('the socket peer under a real HTTP server', () => {
  it('reaches the handler, so a client that talks to Node directly cannot name its address', async () => {
    installPeerTracking();
    const server = http.createServer((request, response) => {
      // As a route handler would: a fetch Request's headers and nothing of the socket.
      setTimeout(() => {
        const headers = new Headers();
        for (const [name, value] of Object.entries(request.headers))
          if (typeof value === 'string') headers.set(name, value);
        response.end(getClientAddress(headers) ?? 'unknown');
      }, 1);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as net.AddressInfo;
    const ask = async (forwarded?: string) =>
      (
        await fetch(`http://127.0.0.1:${port}/`, {
          headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
        })
      ).text();
    try {
      // Loopback is trusted by default (nginx beside Node): its header is believed.
      expect(await ask('203.0.113.7')).toBe('203.0.113.7');
      expect(await ask()).toBe('127.0.0.1');
      // With no trusted proxy, the socket's address and nothing else.
      process.env.TRUSTED_PROXIES = '';
      expect(await ask('203.0.113.7')).toBe('127.0.0.1');
    } finally {
      server.close();
    }
  });
});
