import pslData from './data/psl.json' with { type: 'json' };

/**
 * Registrable domains by the Public Suffix List algorithm (rules, wildcards `*.`, exceptions `!`),
 * over the embedded subset in data/psl.json.
 */
const exact = new Set<string>();
const wildcard = new Set<string>();
const exception = new Set<string>();
for (const rule of (pslData as { rules: string[] }).rules) {
  if (rule.startsWith('!')) exception.add(rule.slice(1));
  else if (rule.startsWith('*.')) wildcard.add(rule.slice(2));
  else exact.add(rule);
}

/** True when the last label is a top-level domain the list knows (to recognise bare domains in text). */
export function isKnownTld(label: string): boolean {
  return exact.has(label) || wildcard.has(label);
}

/** The public suffix of a lower-case host name, or null when its top-level label is unknown. */
export function publicSuffix(host: string): string | null {
  const labels = host.split('.');
  let best: string | null = null;
  for (let i = labels.length - 1; i >= 0; i--) {
    const candidate = labels.slice(i).join('.');
    if (exception.has(candidate)) return labels.slice(i + 1).join('.');
    if (exact.has(candidate)) best = candidate;
    const parent = labels.slice(i + 1).join('.');
    if (i < labels.length - 1 && wildcard.has(parent)) best = candidate;
  }
  return best;
}

/**
 * The registrable domain (public suffix + one label) of a host, lower-case and without `www.`;
 * the host itself when it is a public suffix, null when the top-level label is unknown.
 */
export function registrableDomain(hostname: string): string | null {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  const suffix = publicSuffix(host);
  if (!suffix) return null;
  if (host === suffix) return host;
  const rest = host.slice(0, host.length - suffix.length - 1);
  const label = rest.slice(rest.lastIndexOf('.') + 1);
  if (!label) return null;
  return `${label}.${suffix}`;
}
