// Command reference-verifier checks what Custody's libs/ledger produces with the reference
// implementations of signed notes and tiled Merkle trees, golang.org/x/mod/sumdb/note and
// golang.org/x/mod/sumdb/tlog, and nothing of Custody: the standard library does the rest
// (reading files, the C2SP checkpoint body, the cosignature/v1 message, entry bundles).
//
// It reads {"checks": [...]} on standard input and writes one result per check, in order, as a
// JSON array on standard output: {"ok": true, ...} or {"ok": false, "error": "..."}.
package main

import (
	"encoding/json"
	"fmt"
	"os"
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
