import { BlockList, isIP } from 'node:net';
import { z } from 'zod';

/**
 * A token's `accessRules`, as Cloudflare's: evaluated first to last, the first rule that
 * matches decides (`allow` or `block`); when none matches, access is allowed. Types: `any`
 * (matches every request) and `ip.src` (addresses or CIDRs, IPv4 and IPv6).
 * `ip.geoip.country` needs a GeoIP database this server does not have: `POST /token`
 * refuses such a rule (400), and a self-signed token that carries one is refused (403)
 * rather than guessed at.
 */

const ipOrCidr = z.string().refine((value) => parseIpOrCidr(value) !== null, { message: 'must be an IPv4 or IPv6 address or CIDR, e.g. 93.184.216.0/24' });

export const accessRuleSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('any'), action: z.enum(['allow', 'block']) }),
  z.object({ type: z.literal('ip.src'), action: z.enum(['allow', 'block']), ip: z.array(ipOrCidr).min(1).max(1000) }),
  z.object({ type: z.literal('ip.geoip.country'), action: z.enum(['allow', 'block']), country: z.array(z.string()).optional() }),
]);

export type AccessRule = z.infer<typeof accessRuleSchema>;

export const GEOIP_UNSUPPORTED = 'ip.geoip.country rules are not supported by this server (it has no GeoIP database); use ip.src rules with address ranges instead.';

type Subnet = { address: string; prefix: number; family: 'ipv4' | 'ipv6' };

function parseIpOrCidr(value: string): Subnet | null {
  const [address = '', prefixText, extra] = value.trim().split('/');
  if (extra !== undefined) return null;
  const version = isIP(address);
  if (version === 0) return null;
  const max = version === 4 ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) return null;
  return { address, prefix, family: version === 4 ? 'ipv4' : 'ipv6' };
}

/** `::ffff:1.2.3.4` (how Node reports IPv4 clients on a dual-stack socket) → `1.2.3.4`. */
export function normalizeIp(ip: string): string {
  const trimmed = ip.trim();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(trimmed);
  return mapped ? mapped[1]! : trimmed;
}

function matchesIp(list: string[], ip: string | null): boolean {
  if (!ip) return false;
  const client = normalizeIp(ip);
  const family = isIP(client) === 4 ? 'ipv4' : isIP(client) === 6 ? 'ipv6' : null;
  if (!family) return false;
  const blocks = new BlockList();
  for (const entry of list) {
    const subnet = parseIpOrCidr(entry);
    if (subnet) blocks.addSubnet(subnet.address, subnet.prefix, subnet.family);
  }
  return blocks.check(client, family);
}

export type AccessDecision = 'allow' | 'block' | 'unsupported';

/** What a token's rules say for a request from `ip` (null when the address is unknown: only `any` matches). */
export function evaluateAccessRules(rules: readonly AccessRule[], ip: string | null): AccessDecision {
  for (const rule of rules) {
    if (rule.type === 'ip.geoip.country') return 'unsupported';
    if (rule.type === 'any' || matchesIp(rule.ip, ip)) return rule.action;
  }
  return 'allow';
}
