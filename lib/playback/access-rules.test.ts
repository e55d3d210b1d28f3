import { expect, test } from '@playwright/test';
import { type AccessRule, accessRuleSchema, evaluateAccessRules, normalizeIp } from './access-rules';

test.describe('token access rules', () => {
  const rules: AccessRule[] = [
    { type: 'ip.src', action: 'block', ip: ['10.0.0.0/8', '2001:db8::/32'] },
    { type: 'ip.src', action: 'allow', ip: ['93.184.216.34', '192.168.1.0/24'] },
    { type: 'any', action: 'block' },
  ];

  test('the first matching rule decides, in order', () => {
    expect(evaluateAccessRules(rules, '10.1.2.3')).toBe('block');
    expect(evaluateAccessRules(rules, '93.184.216.34')).toBe('allow');
    expect(evaluateAccessRules(rules, '192.168.1.77')).toBe('allow');
    expect(evaluateAccessRules(rules, '8.8.8.8')).toBe('block');
  });

  test('IPv6 CIDRs match IPv6 clients, and IPv4-mapped addresses count as IPv4', () => {
    expect(evaluateAccessRules(rules, '2001:db8:1::5')).toBe('block');
    expect(evaluateAccessRules(rules, '::ffff:93.184.216.34')).toBe('allow');
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
  });

  test('no rule, or no rule matching, allows', () => {
    expect(evaluateAccessRules([], '1.2.3.4')).toBe('allow');
    expect(evaluateAccessRules([{ type: 'ip.src', action: 'block', ip: ['1.2.3.0/24'] }], '1.2.4.1')).toBe('allow');
  });

  test('an unknown client address matches only "any"', () => {
    expect(evaluateAccessRules([{ type: 'ip.src', action: 'block', ip: ['0.0.0.0/0'] }], null)).toBe('allow');
    expect(evaluateAccessRules([{ type: 'any', action: 'block' }], null)).toBe('block');
  });

  test('a country rule is reported as unsupported, never guessed', () => {
    expect(evaluateAccessRules([{ type: 'ip.geoip.country', action: 'block', country: ['US'] }], '1.2.3.4')).toBe('unsupported');
  });

  test('the schema refuses malformed addresses and prefixes', () => {
    for (const ip of ['1.2.3.4/33', '1.2.3', 'example.com', '::1/129', '1.2.3.4/8/1', '']) {
      expect(accessRuleSchema.safeParse({ type: 'ip.src', action: 'allow', ip: [ip] }).success, ip).toBe(false);
    }
    expect(accessRuleSchema.safeParse({ type: 'ip.src', action: 'allow', ip: ['::1', '1.2.3.4/0'] }).success).toBe(true);
    expect(accessRuleSchema.safeParse({ type: 'any', action: 'maybe' }).success).toBe(false);
    expect(accessRuleSchema.safeParse({ type: 'ip.asn', action: 'allow' }).success).toBe(false);
  });
});
