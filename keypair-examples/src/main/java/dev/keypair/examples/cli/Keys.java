package dev.keypair.examples.cli;

import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.DecodedPrivateKey;
import dev.keypair.formats.DecodedPublicKey;
import dev.keypair.formats.KeyFiles;
import dev.keypair.formats.KeyFormat;
import dev.keypair.formats.PrivateKeys;
import dev.keypair.formats.PublicKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What {@code --in} holds: public keys, or a private key file (unlocked or, without its passphrase, locked). */
final class Keys {

  final List<DecodedPublicKey> publicKeys;
  final DecodedPrivateKey privateKey;

  private Keys(List<DecodedPublicKey> publicKeys, DecodedPrivateKey privateKey) {
    this.publicKeys = publicKeys;
    this.privateKey = privateKey;
  }

  boolean isPrivate() {
    return privateKey != null;
  }

  /** The one public key: of the private key file, or the one public key given. */
  SshPublicKey publicKey() {
    if (privateKey != null) {
      return privateKey.publicKey();
    }
    if (publicKeys.size() != 1) {
      throw new dev.keypair.core.KeyPairException(dev.keypair.core.ErrorCode.FORMAT,
          "the input holds " + publicKeys.size() + " keys; one was expected");
    }
    return publicKeys.get(0).key();
  }

  /** Reads {@code in} as any key file, with {@code passphrase} (may be null) for an encrypted private key. */
  static Keys read(String in, Passphrase passphrase) {
    return of(Inputs.read(in, KeyPairLimits.defaults()), in, passphrase);
  }

  /** {@code content}, read from {@code in}, as any key file. */
  static Keys of(byte[] content, String in, Passphrase passphrase) {
    KeyPairLimits limits = KeyPairLimits.defaults();
    Optional<KeyFormat> priv = PrivateKeys.detect(content);
    if (priv.isPresent()) {
      DecodedPrivateKey key = PrivateKeys.decode(content, passphrase, limits);
      warnIfReadableByOthers(in); // about a key, not about a file that turned out to be none (one error line then)
      return new Keys(List.of(), key);
    }
    return new Keys(PublicKeys.decodeAll(content, limits), null);
  }

  /** ssh's "UNPROTECTED PRIVATE KEY FILE", as a warning line on stderr. */
  private static void warnIfReadableByOthers(String in) {
    if (in.equals("-")) {
      return;
    }
    try {
      KeyFiles.permissionWarning(Path.of(in)).ifPresent(Streams::warning);
    } catch (IOException e) {
      // the key was readable a moment ago; the warning is advice, not a reason to fail
    }
  }
}
