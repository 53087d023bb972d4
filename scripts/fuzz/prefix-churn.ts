/**
 * Namespace-prefix churn documents for the c14n tests (test/xml/attack.c14n-prefix-churn.test.ts,
 * test/metadata/attack.stream-signed-prefix-churn.test.ts): prefixes declared, leaving scope and
 * declared again with the same or another URI, `xmlns=""` and default namespaces, so that the
 * namespace axis (src/xml/c14n-ns.ts) crosses its 64-prefix threshold mid-document.
 */
const URIS = ['urn:a', 'urn:b', 'http://example.com/c'];

/**
 * A document of `sections` sibling subtrees under the root; each subtree uses prefixes from a
 * window of `pool` prefixes that slides by `slide` per section, so a prefix is rendered, leaves
 * scope, and comes back (same or other URI) sections later, and how many prefixes were ever
 * rendered rises past 64 in the middle of the document when `pool` or the slide is large.
 */
export function churn(r: () => number, sections: number, pool: number, slide: number): string {
  const int = (n: number) => Math.floor(r() * n);
  const out: string[] = ['<r xmlns:keep="urn:keep" keep:a="1">'];
  const element = (depth: number, base: number, scope: Map<string, string>): void => {
    const decls: string[] = [];
    const local = new Map(scope);
    for (let k = int(3); k > 0; k--) {
      const p = `p${base + int(pool)}`;
      const uri = URIS[int(URIS.length)]!;
      if (decls.some((d) => d.startsWith(`xmlns:${p}=`))) continue;
      decls.push(`xmlns:${p}="${uri}"`);
      local.set(p, uri);
    }
    const dflt = int(5);
    if (dflt === 0) {
      decls.push('xmlns=""');
      local.set('', '');
    } else if (dflt === 1) {
      const uri = URIS[int(URIS.length)]!;
      decls.push(`xmlns="${uri}"`);
      local.set('', uri);
    }
    const bound = [...local.keys()].filter((p) => p !== '' && p !== 'keep');
    const usePrefix = bound.length > 0 && r() < 0.6;
    const name = usePrefix ? `${bound[int(bound.length)]!}:e${depth}` : `e${depth}`;
    const attrs: string[] = [];
    const used = new Set<string>();
    for (let k = int(3); k > 0; k--) {
      const p = r() < 0.2 ? 'keep' : bound.length > 0 ? bound[int(bound.length)]! : 'keep';
      if (used.has(p)) continue;
      used.add(p);
      // Local name from the prefix: two prefixes bound to one URI never give a duplicate {uri}local.
      attrs.push(`${p}:a${p}="${int(10)}"`);
    }
    if (r() < 0.3) attrs.push(`plain="${int(10)}"`);
    const tag = [name, ...decls, ...attrs].join(' ');
    if (depth >= 4 || r() < 0.3) {
      out.push(`<${tag}/>`);
      return;
    }
    out.push(`<${tag}>`);
    for (let k = 1 + int(3); k > 0; k--) {
      if (r() < 0.2) out.push('t');
      element(depth + 1, base, local);
    }
    out.push(`</${name}>`);
  };
  for (let s = 0; s < sections; s++) element(1, s * slide, new Map([['keep', 'urn:keep']]));
  out.push('<keep:z/></r>');
  return out.join('');
}
