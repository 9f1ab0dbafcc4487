import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import {
  cosignatureKeyId,
  cosignatureLine,
  cosignatureTimestamp,
  cosignatureVerifier,
  cosignatureVerifierKey,
  cosignedMessage,
  ed25519Cosigner,
} from './cosignature';
import { ed25519PublicKeyBytes, ed25519VerifierKey, noteKeyId, openNote, parseNote, parseVerifierKey } from './signed-note';

const checkpoint = 'custody.example/ledger\n42\n' + Buffer.alloc(32, 7).toString('base64') + '\n';

describe('witness cosignatures', () => {
  const witness = generateKeyPairSync('ed25519');
  const cosigner = ed25519Cosigner('witness.example/w1', witness.privateKey);

  it('sign "cosignature/v1", the time and the checkpoint text, and carry the time before the signature', () => {
    const [signature] = parseNote(`${checkpoint}\n${cosignatureLine(cosigner, checkpoint, 1_679_315_147)}`).signatures;
    expect(signature.signature).toHaveLength(72);
    expect(signature.signature.readBigUInt64BE(0)).toBe(1_679_315_147n);
    expect(cosignedMessage(checkpoint, 1_679_315_147).toString()).toBe(`cosignature/v1\ntime 1679315147\n${checkpoint}`);
    expect(verify(null, cosignedMessage(checkpoint, 1_679_315_147), witness.publicKey, signature.signature.subarray(8))).toBe(true);
    expect(cosignatureTimestamp(signature)).toBe(1_679_315_147);
  });

  it('name their key with signature type 0x04, apart from the same key as a note signer', () => {
    const raw = ed25519PublicKeyBytes(witness.publicKey);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('witness.example/w1\n'), Buffer.from([4]), raw]))
      .digest()
      .readUInt32BE(0);
    expect(cosigner.keyId).toBe(expected);
    expect(cosignatureKeyId('witness.example/w1', witness.publicKey)).toBe(expected);
    expect(expected).not.toBe(noteKeyId('witness.example/w1', 1, raw));
    expect(parseVerifierKey(cosignatureVerifierKey('witness.example/w1', witness.publicKey))).toMatchObject({ type: 4, keyId: expected });
  });

  it('verify with the witness verifier key, of type 0x04 or of type 0x01', () => {
    const note = `${checkpoint}\n${cosignatureLine(cosigner, checkpoint, 1_700_000_000)}`;
    for (const vkey of [cosignatureVerifierKey('witness.example/w1', witness.publicKey), ed25519VerifierKey('witness.example/w1', witness.publicKey)]) {
      expect(openNote(note, [cosignatureVerifier(vkey)]).verified).toHaveLength(1);
    }
  });

  it('are refused when the time, the checkpoint or the signature is changed', () => {
    const verifier = cosignatureVerifier(cosignatureVerifierKey('witness.example/w1', witness.publicKey));
    const [signature] = parseNote(`${checkpoint}\n${cosignatureLine(cosigner, checkpoint, 1_700_000_000)}`).signatures;
    const later = Buffer.from(signature.signature);
    later.writeBigUInt64BE(1_700_000_001n);
    expect(verifier.verify(Buffer.from(checkpoint), signature.signature)).toBe(true);
    expect(verifier.verify(Buffer.from(checkpoint), later)).toBe(false);
    expect(verifier.verify(Buffer.from(checkpoint.replace('42', '43')), signature.signature)).toBe(false);
    expect(verifier.verify(Buffer.from(checkpoint), signature.signature.subarray(0, 71))).toBe(false);
  });

  it('are not plain note signatures: a note verifier of the same key refuses them', () => {
    const plain = cosignatureVerifier('witness.example/w1', generateKeyPairSync('ed25519').publicKey);
    expect(plain.verify(Buffer.from(checkpoint), cosigner.cosign(checkpoint, 1).signature)).toBe(false);
  });
});
