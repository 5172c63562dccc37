// The flow builder's canvas: React Flow inside a Vaadin React adapter. The server owns the flow;
// it sends the graph as the `graph` state and hears every edit as an event, so the canvas never
// holds changes of its own for longer than one round trip.
import { type DragEvent, type KeyboardEvent, type ReactElement, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  Controls,
  Handle,
  MiniMap,
  type Connection,
  type Edge,
  type Node,
  type NodeProps,
  type OnSelectionChangeParams,
  Position,
  ReactFlow,
  ReactFlowProvider,
  applyNodeChanges,
  type NodeChange,
  useReactFlow,
} from '@xyflow/react';
import { ReactAdapterElement, type RenderHooks } from 'Frontend/generated/flow/ReactAdapter';

type CanvasNodeData = {
  type: string;
  title: string;
  preview: string;
  handles: string[];
  problems: string[];
  start: boolean;
  active: boolean;
  stats: string | null;
};
type CanvasGraph = {
  nodes: { id: string; x: number; y: number; data: CanvasNodeData; selected: boolean }[];
  edges: { id: string; source: string; sourceHandle: string; target: string; label: string | null }[];
  fit: number;
};

const KIND_COLOURS: Record<string, string> = {
  message: '#1a73e8', question: '#8e24aa', condition: '#ef6c00', action: '#00897b', delay: '#6d4c41',
  handoff: '#d81b60', set_variable: '#546e7a', jump: '#3949ab', end: '#424242',
};

function FlowNode({ id, data, selected }: NodeProps<Node<CanvasNodeData>>): ReactElement {
  const colour = KIND_COLOURS[data.type] ?? '#555';
  const border = data.problems.length > 0 ? '#d32f2f' : data.active ? '#2e7d32' : selected ? colour : '#c4c9d0';
  return (
    <div
      className="conversa-node"
      data-node-id={id}
      data-node-type={data.type}
      data-active={data.active ? 'true' : 'false'}
      title={data.problems.join('\n')}
      style={{
        background: 'white', border: `2px solid ${border}`, borderRadius: 8, minWidth: 180, maxWidth: 240,
        boxShadow: data.active ? '0 0 0 4px rgba(46,125,50,0.3)' : selected ? '0 2px 8px rgba(0,0,0,0.2)' : 'none',
        fontFamily: 'var(--lumo-font-family, sans-serif)', fontSize: 13,
      }}
    >
      <Handle type="target" position={Position.Top} />
      <div style={{ background: colour, color: 'white', padding: '4px 8px', borderRadius: '6px 6px 0 0', fontWeight: 600 }}>
        {data.start ? '▶ ' : ''}{data.title}
      </div>
      <div className="conversa-node-preview" style={{ padding: '6px 8px', whiteSpace: 'pre-wrap', color: '#333' }}>
        {data.preview || ' '}
      </div>
      {data.problems.length > 0 && (
        <div style={{ padding: '0 8px 6px', color: '#d32f2f', fontSize: 12 }}>⚠ {data.problems[0]}</div>
      )}
      {data.stats && (
        <div className="conversa-node-stats" style={{ padding: '0 8px 6px', whiteSpace: 'pre-wrap', color: '#1b5e20', fontSize: 12 }}>
          {data.stats}
        </div>
      )}
      <div style={{ display: 'flex', justifyContent: 'space-around', padding: '0 4px 10px', gap: 4 }}>
        {data.handles.map((handle) => (
          <div key={handle} style={{ position: 'relative', fontSize: 11, color: '#666', padding: '0 2px' }}>
            {data.handles.length > 1 ? handle : ''}
            <Handle type="source" id={handle} position={Position.Bottom} style={{ position: 'absolute', bottom: -12 }} />
          </div>
        ))}
      </div>
    </div>
  );
}

const NODE_TYPES = { conversa: FlowNode };

function Canvas({ graph, dispatch }: { graph: CanvasGraph; dispatch: (type: string, detail: unknown) => void }): ReactElement {
  const flow = useReactFlow();
  const wrapper = useRef<HTMLDivElement>(null);
  const [nodes, setNodes] = useState<Node<CanvasNodeData>[]>([]);
  const copied = useRef<string[]>([]);

  useEffect(() => {
    setNodes(graph.nodes.map((n) => ({
      id: n.id, type: 'conversa', position: { x: n.x, y: n.y }, data: n.data, selected: n.selected,
    })));
  }, [graph]);
  useEffect(() => {
    const timer = setTimeout(() => flow.fitView({ padding: 0.2 }), 50);
    return () => clearTimeout(timer);
  }, [graph.fit]);

  const edges: Edge[] = useMemo(() => graph.edges.map((e) => ({
    id: e.id, source: e.source, sourceHandle: e.sourceHandle, target: e.target,
    label: e.label ?? (e.sourceHandle === 'next' ? undefined : e.sourceHandle),
  })), [graph]);

  const onNodesChange = useCallback((changes: NodeChange<Node<CanvasNodeData>>[]) => {
    setNodes((current) => applyNodeChanges(changes.filter((c) => c.type !== 'remove'), current));
  }, []);
  const onSelectionChange = useCallback(({ nodes: selected }: OnSelectionChangeParams) => {
    dispatch('canvas-select', { nodes: selected.map((n) => n.id) });
  }, [dispatch]);

  const onDrop = useCallback((event: DragEvent) => {
    event.preventDefault();
    const type = event.dataTransfer.getData('application/conversa-node');
    if (type) {
      const at = flow.screenToFlowPosition({ x: event.clientX, y: event.clientY });
      dispatch('canvas-add', { type, x: Math.round(at.x), y: Math.round(at.y) });
    }
  }, [flow, dispatch]);

  const onKeyDown = useCallback((event: KeyboardEvent) => {
    const mod = event.ctrlKey || event.metaKey;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea')) {
      return;
    }
    if (mod && event.key.toLowerCase() === 'c') {
      copied.current = nodes.filter((n) => n.selected).map((n) => n.id);
    } else if (mod && event.key.toLowerCase() === 'v' && copied.current.length > 0) {
      dispatch('canvas-paste', { nodes: copied.current });
    } else if (mod && event.key.toLowerCase() === 'z') {
      dispatch(event.shiftKey ? 'canvas-redo' : 'canvas-undo', {});
    } else if (mod && event.key.toLowerCase() === 'y') {
      dispatch('canvas-redo', {});
    } else {
      return;
    }
    event.preventDefault();
  }, [nodes, dispatch]);

  return (
    <div ref={wrapper} style={{ width: '100%', height: '100%' }} tabIndex={0} onKeyDown={onKeyDown}
         onDragOver={(e) => { e.preventDefault(); e.dataTransfer.dropEffect = 'move'; }} onDrop={onDrop}>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        onNodesChange={onNodesChange}
        onNodeDragStop={(_, __, moved) => dispatch('canvas-move', {
          nodes: moved.map((n) => ({ id: n.id, x: Math.round(n.position.x), y: Math.round(n.position.y) })),
        })}
        onConnect={(c: Connection) => dispatch('canvas-connect', {
          source: c.source, sourceHandle: c.sourceHandle ?? 'next', target: c.target,
        })}
        onDelete={({ nodes: gone, edges: cut }) => dispatch('canvas-delete', {
          nodes: gone.map((n) => n.id), edges: cut.map((e) => e.id),
        })}
        onSelectionChange={onSelectionChange}
        deleteKeyCode={['Delete', 'Backspace']}
        multiSelectionKeyCode={['Shift', 'Meta', 'Control']}
        fitView
        minZoom={0.2}
      >
        <Background />
        <Controls />
        <MiniMap pannable zoomable style={{ width: 120, height: 80 }} />
      </ReactFlow>
    </div>
  );
}

class FlowCanvasElement extends ReactAdapterElement {
  protected override render(hooks: RenderHooks): ReactElement | null {
    const [graph] = hooks.useState<CanvasGraph>('graph', { nodes: [], edges: [], fit: 0 });
    const events: Record<string, (detail: unknown) => boolean> = {
      'canvas-select': hooks.useCustomEvent<unknown>('canvas-select'),
      'canvas-move': hooks.useCustomEvent<unknown>('canvas-move'),
      'canvas-connect': hooks.useCustomEvent<unknown>('canvas-connect'),
      'canvas-delete': hooks.useCustomEvent<unknown>('canvas-delete'),
      'canvas-add': hooks.useCustomEvent<unknown>('canvas-add'),
      'canvas-paste': hooks.useCustomEvent<unknown>('canvas-paste'),
      'canvas-undo': hooks.useCustomEvent<unknown>('canvas-undo'),
      'canvas-redo': hooks.useCustomEvent<unknown>('canvas-redo'),
    };
    const dispatch = (type: string, detail: unknown) => { events[type](detail); };
    return (
      <ReactFlowProvider>
        <Canvas graph={graph} dispatch={dispatch} />
      </ReactFlowProvider>
    );
  }
}

customElements.define('flow-canvas', FlowCanvasElement);
