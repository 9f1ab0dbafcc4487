// Signed notes, checkpoints and cosignatures, through golang.org/x/mod/sumdb/note.

package main

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

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
