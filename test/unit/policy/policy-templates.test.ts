/**
 * What IT is given must match what the app reads: the ADMX/ADML templates, the sample
 * .mobileconfig, the sample policy.json and the MSI's public properties all name exactly the
 * policy keys of main/policy/policy-keys.ts, at the registry key the reader queries, with
 * values the app accepts.
 */
import { readFileSync } from 'node:fs';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { parse as parsePlist } from 'plist';
import { describe, expect, it } from 'vitest';
import { settingsSchema } from '../../../contract/settings.js';
import { appIdentity } from '../../../main/app/identity.js';
import { coercePolicyValue } from '../../../main/policy/coerce-policy-value.js';
import { policyKeys, policyValueKind, type PolicyKey } from '../../../main/policy/policy-keys.js';
import { windowsPolicyKeyPath } from '../../../main/policy/windows-registry-source.js';
import { msiPolicyProperties, policyRegistryKey } from '../../../build/msi/msi-project-created.mjs';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const sorted = (list: Iterable<string>) => [...list].sort();

const xml = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '',
  isArray: (name) => ['policy', 'string', 'presentation', 'category', 'item', 'text', 'enum', 'textBox', 'dropdownList'].includes(name),
});

type Node = Record<string, unknown>;
const admxText = read('build/policy/windows/acs-softphone.admx');
const admx = xml.parse(admxText).policyDefinitions as Node;
const policies = (admx.policies as { policy: Node[] }).policy;

function valueNamesOf(policy: Node): string[] {
  const elements = (policy.elements ?? {}) as Record<string, Node[] | undefined>;
  const fromElements = [...(elements.text ?? []), ...(elements.enum ?? [])].map((e) => e.valueName as string);
  return policy.valueName ? [policy.valueName as string, ...fromElements] : fromElements;
}

describe('ADMX template', () => {
  it('is well-formed XML', () => {
    expect(XMLValidator.validate(admxText)).toBe(true);
  });

  it('names exactly the policy keys the app reads, under its Policies key', () => {
    expect(sorted(policies.flatMap(valueNamesOf))).toEqual(sorted(policyKeys));
    for (const policy of policies) expect(policy.key, policy.name as string).toBe(windowsPolicyKeyPath);
    expect(windowsPolicyKeyPath).toBe(`Software\\Policies\\${appIdentity.vendor}\\${appIdentity.productName}`);
  });

  it('writes on/off policies as DWORD 1/0, text as strings, the language as a list of valid values', () => {
    for (const policy of policies) {
      const key = valueNamesOf(policy)[0] as PolicyKey;
      if (policyValueKind(key) === 'boolean') {
        expect(policy.enabledValue, key).toEqual({ decimal: { value: '1' } });
        expect(policy.disabledValue, key).toEqual({ decimal: { value: '0' } });
      } else if (key === 'language') {
        const items = ((policy.elements as Node).enum as Node[])[0]!.item as Node[];
        const values = items.map((i) => ((i.value as Node).string as string[])[0]);
        expect(values).toEqual(settingsSchema.shape.language.options);
      } else {
        expect(((policy.elements as Node).text as Node[])[0]!.id, key).toBe(key);
      }
    }
  });

  it.each(['en-US', 'es-ES'])('has a complete %s ADML: every string and presentation it refers to', (language) => {
    const admlText = read(`build/policy/windows/${language}/acs-softphone.adml`);
    expect(XMLValidator.validate(admlText)).toBe(true);
    const resources = (xml.parse(admlText).policyDefinitionResources as Node).resources as Node;
    const strings = new Map(((resources.stringTable as Node).string as Node[]).map((s) => [s.id as string, s['#text'] as string]));
    const presentations = new Map(((resources.presentationTable as Node).presentation as Node[]).map((p) => [p.id as string, p]));
    for (const [, id] of admxText.matchAll(/\$\(string\.([\w]+)\)/g)) expect(strings.get(id!)?.trim(), `${language} string ${id}`).toBeTruthy();
    for (const [, id] of admxText.matchAll(/\$\(presentation\.([\w]+)\)/g)) {
      const presentation = presentations.get(id!);
      expect(presentation, `${language} presentation ${id}`).toBeDefined();
      const refIds = [...((presentation!.textBox as Node[] | undefined) ?? []), ...((presentation!.dropdownList as Node[] | undefined) ?? [])].map((c) => c.refId);
      expect(refIds).toEqual([id]);
    }
  });

  it('gives English and Spanish the same string ids, with different (translated) text', () => {
    const ids = (language: string) => {
      const resources = (xml.parse(read(`build/policy/windows/${language}/acs-softphone.adml`)).policyDefinitionResources as Node).resources as Node;
      return new Map(((resources.stringTable as Node).string as Node[]).map((s) => [s.id as string, s['#text'] as string]));
    };
    const en = ids('en-US');
    const es = ids('es-ES');
    expect(sorted(es.keys())).toEqual(sorted(en.keys()));
    expect(es.get('tokenServiceUrl_Explain')).not.toBe(en.get('tokenServiceUrl_Explain'));
  });
});

describe('sample .mobileconfig', () => {
  const profile = parsePlist(read('build/policy/macos/com.acssoftphone.desktop.mobileconfig')) as Node;
  const payload = (profile.PayloadContent as Node[])[0]!;

  it('targets the bundle ID and sets exactly the policy keys, each to a value the app accepts', () => {
    expect(profile.PayloadType).toBe('Configuration');
    expect(payload.PayloadType).toBe(appIdentity.appId);
    const keys = Object.keys(payload).filter((k) => !k.startsWith('Payload'));
    expect(sorted(keys)).toEqual(sorted(policyKeys));
    for (const key of policyKeys) expect(coercePolicyValue(key, payload[key]), key).toMatchObject({ ok: true });
  });

  it('uses distinct UUIDs', () => {
    expect(profile.PayloadUUID).not.toBe(payload.PayloadUUID);
    for (const uuid of [profile.PayloadUUID, payload.PayloadUUID]) expect(uuid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
  });
});

describe('sample policy.json', () => {
  it('sets exactly the policy keys, each to a value the app accepts', () => {
    const sample = JSON.parse(read('build/policy/policy.sample.json')) as Record<string, unknown>;
    const keys = Object.keys(sample).filter((k) => !k.startsWith('$'));
    expect(sorted(keys)).toEqual(sorted(policyKeys));
    for (const key of policyKeys) expect(coercePolicyValue(key, sample[key]), key).toMatchObject({ ok: true });
  });
});

describe('MSI public properties', () => {
  it('write policy keys the app reads, at the key it reads them from', () => {
    expect(policyRegistryKey).toBe(windowsPolicyKeyPath);
    for (const { key } of msiPolicyProperties) expect(policyKeys, key).toContain(key);
    expect(new Set(msiPolicyProperties.map((p) => p.key)).size).toBe(msiPolicyProperties.length);
  });

  it('cover the settings IT sets most (service, sign-in, caller ID, country, features, language)', () => {
    // autoUpdate and updateUrl are left out on purpose: an MSI install never updates itself.
    expect(sorted(msiPolicyProperties.map((p) => p.key))).toEqual(sorted(policyKeys.filter((k) => k !== 'autoUpdate' && k !== 'updateUrl')));
  });

  it('are public (upper case) MSI property names with fixed, distinct component GUIDs', () => {
    for (const { property, guid } of msiPolicyProperties) {
      expect(property).toMatch(/^[A-Z][A-Z_]*$/);
      expect(guid).toMatch(/^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/);
    }
    expect(new Set(msiPolicyProperties.map((p) => p.guid)).size).toBe(msiPolicyProperties.length);
  });
});
