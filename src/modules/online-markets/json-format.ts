/**
 * JSON laid out the way the repository's formatter (prettier, width 140) lays it out, so generated
 * artefacts pass `prettier --check`: objects expanded, arrays of plain values on one line when they fit.
 */

const WIDTH = 140;

const hasObject = (v: unknown): boolean => typeof v === 'object' && v !== null && (!Array.isArray(v) || v.some(hasObject));

function inline(v: unknown): string {
  return Array.isArray(v) ? `[${v.map(inline).join(', ')}]` : JSON.stringify(v);
}

function format(v: unknown, indent: string, used: number): string {
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    // like prettier: a list of several multi-element lists or objects always breaks
    const isMatrix = v.length > 1 && v.every((x) => typeof x === 'object' && x !== null && Object.keys(x).length > 1);
    if (
      !isMatrix &&
      !v.some((x) => typeof x === 'object' && x !== null && !Array.isArray(x)) &&
      !v.some((x) => Array.isArray(x) && x.some(hasObject))
    ) {
      const one = inline(v);
      if (used + one.length + 1 <= WIDTH) return one;
    }
    const inner = `${indent}  `;
    return `[\n${v.map((x) => `${inner}${format(x, inner, inner.length)}`).join(',\n')}\n${indent}]`;
  }
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v).filter(([, x]) => x !== undefined);
    if (entries.length === 0) return '{}';
    const inner = `${indent}  `;
    return `{\n${entries
      .map(([k, x]) => {
        const key = `${inner}${JSON.stringify(k)}: `;
        return key + format(x, inner, key.length);
      })
      .join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(v);
}

/** Serialises a value as formatted JSON with a final newline. */
export function formatJson(value: unknown): string {
  return `${format(value, '', 0)}\n`;
}
