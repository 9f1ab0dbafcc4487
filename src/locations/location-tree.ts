import { LocationKind } from './location.entity';

const levels: LocationKind[] = [LocationKind.Room, LocationKind.Shelf, LocationKind.Bin];

/** Rooms stand at the top of a site; a shelf goes in a room, a bin on a shelf. */
export function parentKindOf(kind: LocationKind): LocationKind | null {
  const level = levels.indexOf(kind);
  return level > 0 ? levels[level - 1] : null;
}

export interface LocationNode {
  code: string;
  name: string;
  kind: LocationKind;
  children: LocationNode[];
}

/** Nests a site's locations under their parents, each level sorted by name. */
export function buildTree(locations: { id: string; parentId: string | null; code: string; name: string; kind: LocationKind }[]): LocationNode[] {
  const nodes = new Map(
    locations.map((location) => [location.id, { code: location.code, name: location.name, kind: location.kind, children: [] as LocationNode[] }]),
  );
  const roots: LocationNode[] = [];
  for (const location of locations) {
    const parent = location.parentId ? nodes.get(location.parentId) : undefined;
    (parent ? parent.children : roots).push(nodes.get(location.id)!);
  }
  const sort = (level: LocationNode[]) => {
    level.sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true }));
    level.forEach((node) => sort(node.children));
    return level;
  };
  return sort(roots);
}
