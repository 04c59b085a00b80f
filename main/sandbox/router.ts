// A route table: "METHOD /path/:param" patterns matched segment by segment. Literal segments win over
// parameters, so /2/users/me is never read as /2/users/:id.
export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
  pattern: string;
}

interface Route<H> {
  method: string;
  segments: string[];
  pattern: string;
  handler: H;
  literals: number;
}

export class Router<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, pattern: string, handler: H): this {
    const segments = pattern.split('/').filter(Boolean);
    this.routes.push({ method, segments, pattern, handler, literals: segments.filter((s) => !s.startsWith(':')).length });
    // Most specific first: more literal segments, then declaration order.
    this.routes.sort((a, b) => b.literals - a.literals);
    return this;
  }

  match(method: string, path: string): RouteMatch<H> | { methodNotAllowed: true } | null {
    const parts = path.split('/').filter(Boolean);
    let pathMatched = false;
    for (const r of this.routes) {
      if (r.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < parts.length; i++) {
        const seg = r.segments[i]!;
        const part = parts[i]!;
        if (seg.startsWith(':')) {
          try {
            params[seg.slice(1)] = decodeURIComponent(part);
          } catch {
            ok = false;
            break;
          }
        } else if (seg !== part) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      if (r.method !== method) {
        pathMatched = true;
        continue;
      }
      return { handler: r.handler, params, pattern: r.pattern };
    }
    return pathMatched ? { methodNotAllowed: true } : null;
  }
}
