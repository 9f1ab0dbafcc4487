import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { consistencyProof, inclusionProof, IncrementalTree, leafHash, MerkleLevels, treeHash, verifyConsistency, verifyInclusion } from './merkle';

// copied unchanged from ../shared/testdata (transparency-dev/merkle, Apache-2.0: see its LICENSE)
const vectors = join(__dirname, 'testdata', 'rfc6962-merkle');
const filesUnder = (folder: string): string[] =>
  readdirSync(folder).flatMap((name) =>
    statSync(join(folder, name)).isDirectory() ? filesUnder(join(folder, name)) : name.endsWith('.json') ? [join(folder, name)] : [],
  );
const bytes = (base64: string | null) => Buffer.from(base64 ?? '', 'base64');
const outcome = (check: () => void) => {
  try {
    check();
    return 'valid';
  } catch {
    return 'refused';
  }
};

describe('RFC 6962 Merkle proofs against the transparency-dev test vectors', () => {
  const inclusion = filesUnder(join(vectors, 'inclusion'));
  const consistency = filesUnder(join(vectors, 'consistency'));

  it('finds the vectors', () => {
    expect(inclusion.length).toBeGreaterThan(50);
    expect(consistency.length).toBeGreaterThan(50);
  });

  it.each(inclusion.map((file) => [file.slice(vectors.length + 1)]))('inclusion %s', (file) => {
    const vector = JSON.parse(readFileSync(join(vectors, file), 'utf8'));
    const verdict = outcome(() =>
      verifyInclusion(vector.leafIdx, vector.treeSize, bytes(vector.leafHash), (vector.proof ?? []).map(bytes), bytes(vector.root)),
    );
    expect(verdict).toBe(vector.wantErr ? 'refused' : 'valid');
  });

  it.each(consistency.map((file) => [file.slice(vectors.length + 1)]))('consistency %s', (file) => {
    const vector = JSON.parse(readFileSync(join(vectors, file), 'utf8'));
    const verdict = outcome(() => verifyConsistency(vector.size1, vector.size2, bytes(vector.root1), bytes(vector.root2), (vector.proof ?? []).map(bytes)));
    expect(verdict).toBe(vector.wantErr ? 'refused' : 'valid');
  });
});

describe('Merkle proofs made here', () => {
  const leaves = (count: number) => Array.from({ length: count }, (_, index) => leafHash(Buffer.from(`event ${index}`)));

  it('builds the RFC 6962 reference tree of the vectors', () => {
    // the vectors' 8-leaf tree is over these inputs (RFC 6962 test data of certificate-transparency)
    const inputs = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((hex) =>
      leafHash(Buffer.from(hex, 'hex')),
    );
    expect(treeHash(inputs).toString('base64')).toBe('XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=');
  });

  it('proves and verifies inclusion of every leaf, in trees of every size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size, pick) => {
        const tree = leaves(size);
        const index = pick % size;
        expect(() => verifyInclusion(index, size, tree[index], inclusionProof(tree, index), treeHash(tree))).not.toThrow();
        if (size > 1) expect(() => verifyInclusion(index, size, tree[(index + 1) % size], inclusionProof(tree, index), treeHash(tree))).toThrow();
      }),
      { numRuns: 300 },
    );
  });

  it('proves and verifies that every earlier tree is a prefix of a later one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 70 }), fc.nat(), (size2, pick) => {
        const tree = leaves(size2);
        const size1 = 1 + (pick % size2);
        const proof = consistencyProof(tree, size1);
        expect(() => verifyConsistency(size1, size2, treeHash(tree, 0, size1), treeHash(tree), proof)).not.toThrow();
        const rewritten = [...tree];
        rewritten[size1 - 1] = leafHash(Buffer.from('rewritten'));
        expect(() => verifyConsistency(size1, size2, treeHash(tree, 0, size1), treeHash(rewritten), consistencyProof(rewritten, size1))).toThrow();
      }),
      { numRuns: 300 },
    );
  });
});

describe('the tree kept level by level', () => {
  it('gives the same root and the same inclusion proofs as the RFC 6962 definitions, at every size', () => {
    for (let size = 1; size <= 70; size++) {
      const tree = Array.from({ length: size }, (_, index) => leafHash(Buffer.from(`leaf ${index}`)));
      const levels = new MerkleLevels(tree);
      expect(levels.root().equals(treeHash(tree))).toBe(true);
      for (let index = 0; index < size; index++) {
        expect(levels.inclusionProof(index).map((hash) => hash.toString('hex'))).toEqual(inclusionProof(tree, index).map((hash) => hash.toString('hex')));
      }
    }
  });
});

describe('the incremental tree', () => {
  it('has the same root as the whole tree, at every size', () => {
    const tree = new IncrementalTree();
    const all: Buffer[] = [];
    for (let size = 1; size <= 130; size++) {
      const leaf = leafHash(Buffer.from(`leaf ${size}`));
      tree.append(leaf);
      all.push(leaf);
      expect(tree.root().equals(treeHash(all))).toBe(true);
    }
    expect(new IncrementalTree().root().equals(treeHash([]))).toBe(true);
  });
});
