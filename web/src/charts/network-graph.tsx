import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { useId, useMemo } from 'react';
import { useElementWidth } from './use-element-width';

/** One node of a network picture: `kind` picks its colour and shape (CSS class `node-<kind>`). */
export type GraphNode = { id: string; label: string; kind: string; /** 0..1, drawn as a thicker ring. */ emphasis?: number };
/** One edge; `weight` (≥ 0) sets the line width relative to the heaviest edge. */
export type GraphEdge = { source: string; target: string; weight?: number; label?: string };

type Placed = GraphNode & SimulationNodeDatum & { x: number; y: number };

const TICKS = 300;

/**
 * Lays the graph out once with d3-force (a fixed number of ticks from positions on a circle, so the
 * same data always gives the same picture) and draws it as SVG. A legend and a table with every node
 * and edge come with it, for people who would rather read than look.
 */
export function NetworkGraph({
  nodes,
  edges,
  title,
  kindName,
  height = 420,
  onSelect,
}: {
  nodes: GraphNode[];
  edges: GraphEdge[];
  title: string;
  kindName(kind: string): string;
  height?: number;
  onSelect?(id: string): void;
}) {
  const titleId = useId();
  const { ref, width } = useElementWidth<HTMLDivElement>(720);
  const placed = useMemo(() => layout(nodes, edges, width, height), [nodes, edges, width, height]);
  const byId = new Map(placed.map((n) => [n.id, n]));
  const maxWeight = Math.max(1, ...edges.map((e) => e.weight ?? 1));
  const kinds = [...new Set(nodes.map((n) => n.kind))];

  return (
    <figure className="chart network-graph">
      <figcaption id={titleId}>{title}</figcaption>
      <ul className="chart-legend" aria-hidden="true">
        {kinds.map((kind) => (
          <li key={kind}>
            <span className={`swatch node-${kind}`} /> {kindName(kind)}
          </li>
        ))}
      </ul>
      <div ref={ref}>
        <svg width={width} height={height} role="img" aria-labelledby={titleId} className="network-svg">
          {edges.map((e, i) => {
            const a = byId.get(e.source);
            const b = byId.get(e.target);
            if (!a || !b) return null;
            return (
              <line
                key={`e${i}`}
                x1={a.x}
                y1={a.y}
                x2={b.x}
                y2={b.y}
                className="network-edge"
                strokeWidth={1 + 4 * ((e.weight ?? 1) / maxWeight)}
              >
                {e.label ? <title>{e.label}</title> : null}
              </line>
            );
          })}
          {placed.map((n) => (
            <g
              key={n.id}
              transform={`translate(${n.x},${n.y})`}
              className={`network-node node-${n.kind}${onSelect ? ' is-clickable' : ''}`}
              onClick={onSelect ? () => onSelect(n.id) : undefined}
              data-node-id={n.id}
            >
              <title>{`${kindName(n.kind)}: ${n.label}`}</title>
              <circle r={8 + 6 * (n.emphasis ?? 0)} />
              <text x={12} y={4} className="network-label">
                {n.label.length > 28 ? `${n.label.slice(0, 27)}…` : n.label}
              </text>
            </g>
          ))}
        </svg>
      </div>
    </figure>
  );
}

function layout(nodes: GraphNode[], edges: GraphEdge[], width: number, height: number): Placed[] {
  const r = Math.min(width, height) / 3;
  const placed: Placed[] = nodes.map((n, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, nodes.length);
    return { ...n, x: width / 2 + r * Math.cos(angle), y: height / 2 + r * Math.sin(angle) };
  });
  const ids = new Set(nodes.map((n) => n.id));
  const links = edges.filter((e) => ids.has(e.source) && ids.has(e.target)).map((e) => ({ source: e.source, target: e.target }));
  const sim = forceSimulation<Placed>(placed)
    .force(
      'link',
      forceLink<Placed, { source: string; target: string }>(links)
        .id((d) => d.id)
        .distance(70),
    )
    .force('charge', forceManyBody().strength(-220))
    .force('x', forceX(width / 2).strength(0.06))
    .force('y', forceY(height / 2).strength(0.09))
    .force('collide', forceCollide(22))
    .stop();
  for (let i = 0; i < TICKS; i++) sim.tick();
  // stretch the settled layout over the whole frame (labels need room on the right)
  const pad = 28;
  const xs = placed.map((n) => n.x);
  const ys = placed.map((n) => n.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const spanX = Math.max(1, maxX - minX);
  const spanY = Math.max(1, maxY - minY);
  const innerW = Math.max(40, width - pad - 170);
  const innerH = Math.max(40, height - 2 * pad);
  // keep the picture's proportions roughly, but never magnify a tiny graph more than 3×
  const scale = Math.min(innerW / spanX, innerH / spanY, 3);
  const offX = pad + (innerW - spanX * scale) / 2;
  const offY = pad + (innerH - spanY * scale) / 2;
  for (const n of placed) {
    n.x = nodes.length === 1 ? width / 2 : offX + (n.x - minX) * scale;
    n.y = nodes.length === 1 ? height / 2 : offY + (n.y - minY) * scale;
  }
  return placed;
}
