import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import {
  ed25519NoteSigner,
  ed25519NoteVerifier,
  ed25519PublicKeyBytes,
  ed25519VerifierKey,
  noteKeyId,
  noteVerifier,
  openNote,
  parseNote,
  parseVerifierKey,
  signNote,
} from './signed-note';

const newKey = () => generateKeyPairSync('ed25519');

describe('signed notes', () => {
  it('open the example of the C2SP signed-note specification with its verifier key', () => {
    const vkey = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
    const note =
      'This is an example message.\n\n— example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';
    const opened = openNote(note, [noteVerifier(vkey)]);
    expect(opened.text).toBe('This is an example message.\n');
    expect(opened.verified).toEqual([expect.objectContaining({ name: 'example.com/foo', keyId: 0x530d903a })]);
    expect(() => openNote(note.replace('example message', 'example massage'), [noteVerifier(vkey)])).toThrow('does not verify');
  });

  it('name their key by the first four bytes of SHA-256(name, newline, 0x01, public key)', () => {
    const { publicKey } = newKey();
    const raw = ed25519PublicKeyBytes(publicKey);
    const expected = createHash('sha256')
      .update(Buffer.concat([Buffer.from('custody.example/ledger\n'), Buffer.from([1]), raw]))
      .digest()
      .readUInt32BE(0);
    expect(noteKeyId('custody.example/ledger', 1, raw)).toBe(expected);
    expect(ed25519VerifierKey('custody.example/ledger', publicKey)).toBe(
      `custody.example/ledger+${expected.toString(16).padStart(8, '0')}+${Buffer.concat([Buffer.from([1]), raw]).toString('base64')}`,
    );
  });

  it('derive the verifier key from the installation key file (PKCS#8 PEM) and from its public PEM alike', () => {
    const { privateKey } = newKey();
    const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' });
    const publicPem = createPublicKey(privateKey).export({ format: 'pem', type: 'spki' });
    const fromPrivate = ed25519VerifierKey('custody.example/ledger', createPrivateKey(privatePem));
    expect(ed25519VerifierKey('custody.example/ledger', createPublicKey(publicPem))).toBe(fromPrivate);
    expect(parseVerifierKey(fromPrivate)).toMatchObject({ name: 'custody.example/ledger', type: 1, publicKey: ed25519PublicKeyBytes(privateKey) });
    const note = signNote('text\n', [ed25519NoteSigner('custody.example/ledger', createPrivateKey(privatePem))]);
    expect(openNote(note, [noteVerifier(fromPrivate)]).text).toBe('text\n');
  });

  it('carry several signatures, and set aside those of keys not given', () => {
    const log = newKey();
    const other = newKey();
    const note = signNote('origin\n42\n', [ed25519NoteSigner('log.example/a', log.privateKey), ed25519NoteSigner('elsewhere.example/b', other.privateKey)]);
    expect(note.split('\n— ')).toHaveLength(3);
    const opened = openNote(note, [ed25519NoteVerifier('log.example/a', log.publicKey)]);
    expect(opened.verified.map((signature) => signature.name)).toEqual(['log.example/a']);
    expect(opened.unverified.map((signature) => signature.name)).toEqual(['elsewhere.example/b']);
    const both = openNote(note, [ed25519NoteVerifier('log.example/a', log.publicKey), ed25519NoteVerifier('elsewhere.example/b', other.publicKey)]);
    expect(both.verified).toHaveLength(2);
  });

  it('ignore a signature that shares the name but not the key ID of a trusted key, or the key ID but not the name', () => {
    const log = newKey();
    const impostor = newKey();
    const signed = signNote('text\n', [ed25519NoteSigner('log.example/a', log.privateKey)]);
    const sameName = parseNote(signNote('text\n', [ed25519NoteSigner('log.example/a', impostor.privateKey)])).signatures;
    const opened = openNote(signNote('text\n', [ed25519NoteSigner('log.example/a', log.privateKey)], sameName), [
      ed25519NoteVerifier('log.example/a', log.publicKey),
    ]);
    expect(opened.unverified).toEqual([expect.objectContaining({ name: 'log.example/a', keyId: sameName[0].keyId })]);
    const [genuine] = parseNote(signed).signatures;
    const renamed = { ...genuine, name: 'log.example/b' };
    expect(() => openNote(signNote('text\n', [], [renamed]), [ed25519NoteVerifier('log.example/a', log.publicKey)])).toThrow('no signature of a trusted key');
  });

  it('are refused when the trusted key did not sign them, or its signature does not verify', () => {
    const log = newKey();
    const verifier = ed25519NoteVerifier('log.example/a', log.publicKey);
    const note = signNote('text\n', [ed25519NoteSigner('log.example/a', log.privateKey)]);
    expect(() => openNote(signNote('text\n', [ed25519NoteSigner('log.example/a', newKey().privateKey)]), [verifier])).toThrow('no signature of a trusted key');
    expect(() => openNote(note.replace('text', 'test'), [verifier])).toThrow('does not verify');
    const [signature] = parseNote(note).signatures;
    const flipped = Buffer.from(signature.signature);
    flipped[10] ^= 1;
    expect(() => openNote(signNote('text\n', [], [{ ...signature, signature: flipped }]), [verifier])).toThrow('does not verify');
  });

  it.each([
    ['no blank line', 'text\n— log.example/a AAAAAAAA\n'],
    ['no signature line', 'text\n\n'],
    ['no final newline', 'text\n\n— log.example/a AAAAAAAA'],
    ['a line that is not a signature', 'text\n\n— log.example/a AAAAAAAA\nsomething\n'],
    ['a hyphen for the em dash', 'text\n\n- log.example/a AAAAAAAA\n'],
    ['two spaces', 'text\n\n—  log.example/a AAAAAAAA\n'],
    ['a signature shorter than a key ID and one byte', 'text\n\n— log.example/a AAAAAA==\n'],
    ['base64 without its padding', 'text\n\n— log.example/a AAAAAAA\n'],
    ['base64 with a character outside the alphabet', 'text\n\n— log.example/a AAAA_AAA\n'],
    ['a plus in the key name', 'text\n\n— log+example AAAAAAAA\n'],
    ['a tab in the text', 'te\txt\n\n— log.example/a AAAAAAAA\n'],
    ['a carriage return', 'text\r\n\n— log.example/a AAAAAAAA\n'],
    ['a no-break space in the key name', 'text\n\n— log\u00a0example AAAAAAAA\n'],
    ['a lone surrogate', 'te\ud800xt\n\n— log.example/a AAAAAAAA\n'],
  ])('are refused when malformed: %s', (_, note) => {
    expect(() => parseNote(note)).toThrow();
  });

  it('are refused when their bytes are not UTF-8', () => {
    expect(() => parseNote(Buffer.concat([Buffer.from('te'), Buffer.from([0xff]), Buffer.from('xt\n\n— log.example/a AAAAAAAA\n')]))).toThrow('UTF-8');
  });

  it('keep blank lines inside the text: the signatures start after the last one', () => {
    const log = newKey();
    const note = signNote('first\n\nsecond\n', [ed25519NoteSigner('log.example/a', log.privateKey)]);
    expect(openNote(note, [ed25519NoteVerifier('log.example/a', log.publicKey)]).text).toBe('first\n\nsecond\n');
  });

  it('refuse to sign a text without a final newline, or under a key name with a space', () => {
    const log = newKey();
    expect(() => signNote('text', [ed25519NoteSigner('log.example/a', log.privateKey)])).toThrow('newline');
    expect(() => ed25519NoteSigner('log example', log.privateKey)).toThrow('key name');
  });

  it('refuse a verifier key whose key ID does not match its name and key', () => {
    const vkey = ed25519VerifierKey('log.example/a', newKey().publicKey);
    expect(() => parseVerifierKey(vkey.replace('log.example/a', 'log.example/b'))).toThrow('does not match');
    expect(() => parseVerifierKey('log.example/a+zzzzzzzz+AQ==')).toThrow('not a verifier key');
    expect(() => noteVerifier(vkey.replace(/\+A/, '+B'))).toThrow();
  });
});
