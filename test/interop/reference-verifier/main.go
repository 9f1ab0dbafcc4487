// Command reference-verifier checks what Custody's libs/ledger produces with the reference
// implementations of signed notes and tiled Merkle trees, golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog, and nothing of Custody: the standard library does the rest
// (reading files, the C2SP checkpoint body, the cosignature/v1 message, entry bundles).
//
// It reads {"checks": [...]} on standard input and writes one result per check, in order, as a
// JSON array on standard output: {"ok": true, ...} or {"ok": false, "error": "..."}.
package main

import (
	"bytes"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

type check struct {
	Kind string `json:"kind"`

	// vkey: the verifier key Go derives for a name and a raw Ed25519 public key.
	Name      string `json:"name"`
	PublicKey []byte `json:"publicKey"`

	// sign: the note Go signs with these signer keys (PRIVATE+KEY+name+hash+base64).
	Text       string   `json:"text"`
	SignerKeys []string `json:"signerKeys"`

	// checkpoint: open a checkpoint note with the log's vkey and the witnesses' vkeys.
	Note        string   `json:"note"`
	LogKey      string   `json:"logKey"`
	WitnessKeys []string `json:"witnessKeys"`
	Origin      string   `json:"origin"`

	// inclusion and consistency: check a proof with tlog.CheckRecord and tlog.CheckTree.
	TreeSize  int64    `json:"treeSize"`
	RootHash  []byte   `json:"rootHash"`
	LeafIndex int64    `json:"leafIndex"`
	LeafHash  []byte   `json:"leafHash"`
	Entry     []byte   `json:"entry"`
	OldSize   int64    `json:"oldSize"`
	OldRoot   []byte   `json:"oldRoot"`
	Proof     [][]byte `json:"proof"`

	// entryProof: a c2sp.org/tlog-proof@v1 text (ProofText) for Entry, checked with note.Open and tlog.CheckRecord.
	ProofText string `json:"proofText"`

	// paths: Go's own spelling of these tiles' paths (height segment removed), each parsed back by tlog.ParseTilePath.
	Tiles []struct {
		Level int   `json:"level"`
		Index int64 `json:"index"`
		Width int   `json:"width"`
	} `json:"tiles"`

	// tiles: read the tiles under Directory through tlog.TileHashReader and prove from them.
	Directory   string  `json:"directory"`
	LeafIndexes []int64 `json:"leafIndexes"`
	OldSizes    []int64 `json:"oldSizes"`
	Entries     bool    `json:"entries"`
}

type result map[string]interface{}

func main() {
	var input struct {
		Checks []check `json:"checks"`
	}
	if err := json.NewDecoder(os.Stdin).Decode(&input); err != nil {
		fmt.Fprintln(os.Stderr, "reference-verifier: cannot read the checks:", err)
		os.Exit(2)
	}
	results := make([]result, len(input.Checks))
	for i, c := range input.Checks {
		results[i] = run(c)
	}
	if err := json.NewEncoder(os.Stdout).Encode(results); err != nil {
		fmt.Fprintln(os.Stderr, "reference-verifier:", err)
		os.Exit(2)
	}
}

// run answers one check; a panic of the reference (its "bad math") is a refusal too.
func run(c check) (answer result) {
	defer func() {
		if p := recover(); p != nil {
			answer = result{"ok": false, "error": fmt.Sprint("panic: ", p)}
		}
	}()
	var (
		out result
		err error
	)
	switch c.Kind {
	case "vkey":
		out, err = verifierKey(c)
	case "sign":
		out, err = sign(c)
	case "checkpoint":
		out, err = openCheckpoint(c)
	case "inclusion":
		out, err = checkInclusion(c)
	case "consistency":
		out, err = checkConsistency(c)
	case "entryProof":
		out, err = checkEntryProof(c)
	case "paths":
		out, err = tilePaths(c)
	case "tiles":
		out, err = proveFromTiles(c)
	default:
		err = fmt.Errorf("unknown check %q", c.Kind)
	}
	if err != nil {
		return result{"ok": false, "error": err.Error()}
	}
	out["ok"] = true
	return out
}

func verifierKey(c check) (result, error) {
	vkey, err := note.NewEd25519VerifierKey(c.Name, ed25519.PublicKey(c.PublicKey))
	if err != nil {
		return nil, err
	}
	return result{"vkey": vkey}, nil
}

func sign(c check) (result, error) {
	var signers []note.Signer
	for _, skey := range c.SignerKeys {
		signer, err := note.NewSigner(skey)
		if err != nil {
			return nil, err
		}
		signers = append(signers, signer)
	}
	signed, err := note.Sign(&note.Note{Text: c.Text}, signers...)
	if err != nil {
		return nil, err
	}
	return result{"note": string(signed)}, nil
}

func openCheckpoint(c check) (result, error) {
	logVerifier, err := note.NewVerifier(c.LogKey)
	if err != nil {
		return nil, fmt.Errorf("log key: %v", err)
	}
	verifiers := []note.Verifier{logVerifier}
	for _, vkey := range c.WitnessKeys {
		witness, err := newCosignatureVerifier(vkey)
		if err != nil {
			return nil, fmt.Errorf("witness key: %v", err)
		}
		verifiers = append(verifiers, witness)
	}
	opened, err := note.Open([]byte(c.Note), note.VerifierList(verifiers...))
	if err != nil {
		return nil, err
	}
	signedByLog := false
	var verified, unverified []string
	times := map[string]uint64{}
	for _, signature := range opened.Sigs {
		verified = append(verified, signature.Name)
		if signature.Name == logVerifier.Name() && signature.Hash == logVerifier.KeyHash() {
			signedByLog = true
			continue
		}
		raw, _ := base64.StdEncoding.DecodeString(signature.Base64)
		times[signature.Name] = binary.BigEndian.Uint64(raw[4:12])
	}
	for _, signature := range opened.UnverifiedSigs {
		unverified = append(unverified, signature.Name)
	}
	if !signedByLog {
		return nil, errors.New("the note is not signed by the log key")
	}
	origin, size, hash, extensions, err := parseCheckpoint(opened.Text)
	if err != nil {
		return nil, err
	}
	if c.Origin != "" && origin != c.Origin {
		return nil, fmt.Errorf("the checkpoint is of origin %q, not %q", origin, c.Origin)
	}
	return result{
		"origin": origin, "treeSize": size, "rootHash": hash[:], "extensions": extensions,
		"verified": verified, "unverified": unverified, "cosignatureTimes": times,
	}, nil
}

// parseCheckpoint reads a C2SP tlog-checkpoint body: origin, decimal size, base64 root hash, extension lines.
func parseCheckpoint(text string) (string, int64, tlog.Hash, []string, error) {
	fail := func(reason string) (string, int64, tlog.Hash, []string, error) {
		return "", 0, tlog.Hash{}, nil, errors.New("malformed checkpoint: " + reason)
	}
	if !strings.HasSuffix(text, "\n") {
		return fail("no final newline")
	}
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	if len(lines) < 3 {
		return fail("fewer than three lines")
	}
	if lines[0] == "" {
		return fail("empty origin")
	}
	size, err := strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || strconv.FormatInt(size, 10) != lines[1] {
		return fail("tree size")
	}
	raw, err := base64.StdEncoding.DecodeString(lines[2])
	if err != nil || len(raw) != tlog.HashSize {
		return fail("root hash")
	}
	for _, line := range lines[3:] {
		if line == "" {
			return fail("empty extension line")
		}
	}
	var hash tlog.Hash
	copy(hash[:], raw)
	return lines[0], size, hash, lines[3:], nil
}

// cosignatureVerifier checks C2SP tlog-cosignature/v1 (Ed25519, signature type 0x04) through note.Open.
type cosignatureVerifier struct {
	name string
	hash uint32
	key  ed25519.PublicKey
}

func newCosignatureVerifier(vkey string) (note.Verifier, error) {
	parts := strings.SplitN(vkey, "+", 3)
	if len(parts) != 3 || len(parts[1]) != 8 {
		return nil, errors.New("malformed verifier key")
	}
	key, err := base64.StdEncoding.DecodeString(parts[2])
	if err != nil || len(key) != 1+ed25519.PublicKeySize || key[0] != 0x04 {
		return nil, errors.New("not an Ed25519 cosignature/v1 verifier key")
	}
	id := sha256.Sum256(append([]byte(parts[0]+"\n"), key...))
	hash := binary.BigEndian.Uint32(id[:4])
	if fmt.Sprintf("%08x", hash) != parts[1] {
		return nil, errors.New("the key ID does not match the name and key")
	}
	return &cosignatureVerifier{name: parts[0], hash: hash, key: ed25519.PublicKey(key[1:])}, nil
}

func (v *cosignatureVerifier) Name() string    { return v.name }
func (v *cosignatureVerifier) KeyHash() uint32 { return v.hash }
func (v *cosignatureVerifier) Verify(text, signature []byte) bool {
	if len(signature) != 8+ed25519.SignatureSize {
		return false
	}
	message := fmt.Sprintf("cosignature/v1\ntime %d\n%s", binary.BigEndian.Uint64(signature), text)
	return ed25519.Verify(v.key, []byte(message), signature[8:])
}

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
