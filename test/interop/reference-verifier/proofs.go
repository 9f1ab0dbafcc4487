// Inclusion and consistency proofs, and entry proofs, through golang.org/x/mod/sumdb/tlog.

package main

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

func hashOf(raw []byte, what string) (tlog.Hash, error) {
	var hash tlog.Hash
	if len(raw) != tlog.HashSize {
		return hash, fmt.Errorf("%s is %d bytes, not %d", what, len(raw), tlog.HashSize)
	}
	copy(hash[:], raw)
	return hash, nil
}

func hashesOf(raw [][]byte) ([]tlog.Hash, error) {
	hashes := make([]tlog.Hash, len(raw))
	for i, r := range raw {
		hash, err := hashOf(r, "a proof hash")
		if err != nil {
			return nil, err
		}
		hashes[i] = hash
	}
	return hashes, nil
}

func checkInclusion(c check) (result, error) {
	root, err := hashOf(c.RootHash, "the root hash")
	if err != nil {
		return nil, err
	}
	// given the entry itself (the event's hash), the leaf is its RFC 6962 record hash
	leaf := tlog.RecordHash(c.Entry)
	if c.Entry == nil {
		if leaf, err = hashOf(c.LeafHash, "the leaf hash"); err != nil {
			return nil, err
		}
	}
	proof, err := hashesOf(c.Proof)
	if err != nil {
		return nil, err
	}
	if err := tlog.CheckRecord(tlog.RecordProof(proof), c.TreeSize, root, c.LeafIndex, leaf); err != nil {
		return nil, err
	}
	return result{}, nil
}

func checkConsistency(c check) (result, error) {
	newRoot, err := hashOf(c.RootHash, "the new root hash")
	if err != nil {
		return nil, err
	}
	oldRoot, err := hashOf(c.OldRoot, "the old root hash")
	if err != nil {
		return nil, err
	}
	proof, err := hashesOf(c.Proof)
	if err != nil {
		return nil, err
	}
	if err := tlog.CheckTree(tlog.TreeProof(proof), c.TreeSize, newRoot, c.OldSize, oldRoot); err != nil {
		return nil, err
	}
	return result{}, nil
}

// checkEntryProof reads a C2SP tlog-proof (header, optional extra line, index, proof hashes, blank
// line, checkpoint), opens its checkpoint and checks the entry's inclusion in it.
func checkEntryProof(c check) (result, error) {
	split := strings.Index(c.ProofText, "\n\n")
	if split < 0 {
		return nil, errors.New("malformed proof: no blank line")
	}
	lines := strings.Split(c.ProofText[:split], "\n")
	if lines[0] != "c2sp.org/tlog-proof@v1" {
		return nil, errors.New("malformed proof: header")
	}
	lines = lines[1:]
	if len(lines) > 0 && strings.HasPrefix(lines[0], "extra ") {
		lines = lines[1:]
	}
	if len(lines) == 0 || !strings.HasPrefix(lines[0], "index ") {
		return nil, errors.New("malformed proof: no index line")
	}
	index, err := strconv.ParseInt(strings.TrimPrefix(lines[0], "index "), 10, 64)
	if err != nil || index < 0 || "index "+strconv.FormatInt(index, 10) != lines[0] {
		return nil, errors.New("malformed proof: index")
	}
	var proof tlog.RecordProof
	for _, line := range lines[1:] {
		raw, err := base64.StdEncoding.DecodeString(line)
		if err != nil {
			return nil, errors.New("malformed proof: proof line")
		}
		hash, err := hashOf(raw, "a proof hash")
		if err != nil {
			return nil, err
		}
		proof = append(proof, hash)
	}
	c.Note = c.ProofText[split+2:]
	opened, err := openCheckpoint(c)
	if err != nil {
		return nil, err
	}
	var root tlog.Hash
	copy(root[:], opened["rootHash"].([]byte))
	if err := tlog.CheckRecord(proof, opened["treeSize"].(int64), root, index, tlog.RecordHash(c.Entry)); err != nil {
		return nil, err
	}
	opened["index"] = index
	return opened, nil
}
