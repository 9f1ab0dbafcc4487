import { buildTree, parentKindOf } from './location-tree';
import { LocationKind } from './location.entity';

describe('location tree', () => {
  it('puts rooms at the top, shelves in rooms and bins on shelves', () => {
    expect(parentKindOf(LocationKind.Room)).toBeNull();
    expect(parentKindOf(LocationKind.Shelf)).toBe(LocationKind.Room);
    expect(parentKindOf(LocationKind.Bin)).toBe(LocationKind.Shelf);
  });

  it('nests locations under their parents, sorted by name with numbers in order', () => {
    const tree = buildTree([
      { id: 's10', parentId: 'r', code: 'L3', name: 'Shelf 10', kind: LocationKind.Shelf },
      { id: 'b', parentId: 's2', code: 'L4', name: 'Bin A', kind: LocationKind.Bin },
      { id: 'r', parentId: null, code: 'L1', name: 'Room', kind: LocationKind.Room },
      { id: 's2', parentId: 'r', code: 'L2', name: 'Shelf 2', kind: LocationKind.Shelf },
    ]);
    expect(tree).toEqual([
      {
        code: 'L1',
        name: 'Room',
        kind: 'room',
        children: [
          { code: 'L2', name: 'Shelf 2', kind: 'shelf', children: [{ code: 'L4', name: 'Bin A', kind: 'bin', children: [] }] },
          { code: 'L3', name: 'Shelf 10', kind: 'shelf', children: [] },
        ],
      },
    ]);
  });
});
