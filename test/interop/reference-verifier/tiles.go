// Tiles and entry bundles, read through tlog.TileHashReader.

package main

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// tileFiles serves tiles from a folder laid out as C2SP tlog-tiles: Go's paths carry the tile
// height (tile/8/L/N), C2SP's do not (tile/L/N), the rest is the same.
type tileFiles struct {
	directory string
	read      []string
}

func c2spPath(tile tlog.Tile) string {
	return strings.Replace(tile.Path(), fmt.Sprintf("tile/%d/", tile.H), "tile/", 1)
}

func tilePaths(c check) (result, error) {
	var paths []string
	for _, t := range c.Tiles {
		tile := tlog.Tile{H: 8, L: t.Level, N: t.Index, W: t.Width}
		parsed, err := tlog.ParseTilePath(tile.Path())
		if err != nil || parsed != tile {
			return nil, fmt.Errorf("tlog.ParseTilePath(%q) = %v, %v", tile.Path(), parsed, err)
		}
		paths = append(paths, c2spPath(tile))
	}
	return result{"paths": paths}, nil
}

func (f *tileFiles) Height() int { return 8 }

func (f *tileFiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, tile := range tiles {
		path := c2spPath(tile)
		content, err := os.ReadFile(filepath.Join(f.directory, filepath.FromSlash(path)))
		if err != nil {
			return nil, err
		}
		f.read = append(f.read, path)
		data[i] = content
	}
	return data, nil
}

func (f *tileFiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func proveFromTiles(c check) (result, error) {
	root, err := hashOf(c.RootHash, "the root hash")
	if err != nil {
		return nil, err
	}
	files := &tileFiles{directory: c.Directory}
	reader := tlog.TileHashReader(tlog.Tree{N: c.TreeSize, Hash: root}, files)
	treeHash, err := tlog.TreeHash(c.TreeSize, reader)
	if err != nil {
		return nil, err
	}
	if treeHash != root {
		return nil, errors.New("the tiles give another tree hash")
	}
	var inclusionProofs [][]tlog.Hash
	for _, index := range c.LeafIndexes {
		leaves, err := reader.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
		if err != nil {
			return nil, err
		}
		proof, err := tlog.ProveRecord(c.TreeSize, index, reader)
		if err != nil {
			return nil, err
		}
		if err := tlog.CheckRecord(proof, c.TreeSize, root, index, leaves[0]); err != nil {
			return nil, fmt.Errorf("inclusion of leaf %d: %v", index, err)
		}
		inclusionProofs = append(inclusionProofs, proof)
	}
	var consistencyProofs [][]tlog.Hash
	var oldRoots []tlog.Hash
	for _, oldSize := range c.OldSizes {
		oldRoot, err := tlog.TreeHash(oldSize, reader)
		if err != nil {
			return nil, err
		}
		proof, err := tlog.ProveTree(c.TreeSize, oldSize, reader)
		if err != nil {
			return nil, err
		}
		if err := tlog.CheckTree(proof, c.TreeSize, root, oldSize, oldRoot); err != nil {
			return nil, fmt.Errorf("consistency from %d: %v", oldSize, err)
		}
		consistencyProofs = append(consistencyProofs, proof)
		oldRoots = append(oldRoots, oldRoot)
	}
	entries := 0
	if c.Entries {
		if entries, err = checkEntryBundles(c.Directory, c.TreeSize, reader); err != nil {
			return nil, err
		}
	}
	return result{
		"treeHash": treeHash, "inclusionProofs": inclusionProofs, "consistencyProofs": consistencyProofs,
		"oldRoots": oldRoots, "tilesRead": files.read, "entriesChecked": entries,
	}, nil
}

// checkEntryBundles reads every entry bundle of the tree (uint16 length-prefixed entries) and
// checks that each entry's RFC 6962 record hash is the leaf hash the authenticated tiles hold.
func checkEntryBundles(directory string, treeSize int64, reader tlog.HashReader) (int, error) {
	checked := 0
	for start := int64(0); start < treeSize; start += 256 {
		width := treeSize - start
		if width > 256 {
			width = 256
		}
		path := strings.Replace(c2spPath(tlog.Tile{H: 8, L: 0, N: start / 256, W: int(width)}), "tile/0/", "tile/entries/", 1)
		data, err := os.ReadFile(filepath.Join(directory, filepath.FromSlash(path)))
		if err != nil {
			return checked, err
		}
		var indexes []int64
		var records [][]byte
		for rest := data; len(rest) > 0; {
			if len(rest) < 2 || len(rest) < 2+int(binary.BigEndian.Uint16(rest)) {
				return checked, fmt.Errorf("%s: truncated entry", path)
			}
			length := int(binary.BigEndian.Uint16(rest))
			records = append(records, rest[2:2+length])
			rest = rest[2+length:]
			indexes = append(indexes, tlog.StoredHashIndex(0, start+int64(len(indexes))))
		}
		if int64(len(records)) != width {
			return checked, fmt.Errorf("%s: %d entries, not %d", path, len(records), width)
		}
		leaves, err := reader.ReadHashes(indexes)
		if err != nil {
			return checked, err
		}
		for i, record := range records {
			if !bytes.Equal(leaves[i][:], tlogRecordHash(record)) {
				return checked, fmt.Errorf("%s: entry %d does not hash to its leaf", path, start+int64(i))
			}
			checked++
		}
	}
	return checked, nil
}

func tlogRecordHash(record []byte) []byte {
	hash := tlog.RecordHash(record)
	return hash[:]
}
