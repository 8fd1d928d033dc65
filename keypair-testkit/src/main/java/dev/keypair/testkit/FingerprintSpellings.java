package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyType;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.SshPublicKey;
import dev.keypair.fingerprint.AwsFingerprints;
import dev.keypair.fingerprint.Fingerprint;
import dev.keypair.fingerprint.FingerprintAlgorithm;
import dev.keypair.fingerprint.Fingerprints;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Fingerprints of a key in every spelling {@link dev.keypair.fingerprint.FingerprintMatcher} accepts, as
 * people paste them from ssh-keygen, a console or a message.
 *
 * <p>For each of the key's SHA256, MD5 and SHA1 fingerprints (of the SSH blob), and for RSA keys AWS's MD5
 * of the imported key (and, given the private key, AWS's SHA-1 of the created key): the digest in unpadded
 * and padded base64, in lower- and upper-case hex with and without colons; each without a prefix, with the
 * hash's prefix ({@code SHA256:}, {@code MD5:}, {@code SHA1:}) and with the prefix in lower case; the
 * whole {@code ssh-keygen -l -E sha256/md5/sha1} line; and the plain spelling with spaces, a tab or a
 * line end around it. Every spelling shrinks towards the first: {@code SHA256:} and unpadded base64, as
 * {@code ssh-keygen -l} prints it.
 */
public final class FingerprintSpellings {

  private static final HexFormat COLONS = HexFormat.ofDelimiter(":");

  private FingerprintSpellings() {}

  /**
   * Spellings of the fingerprints of public keys of every type keypair writes ({@link SshKeys#publicKeys()}),
   * each matched by its public key alone (AWS's created-key SHA-1 needs the private key: see
   * {@link #spellings(SshPrivateKey)}); shrinks towards the first key's {@code SHA256:} spelling.
   */
  public static Arbitrary<FingerprintSpelling> spellings() {
    return SshKeys.publicKeys().withoutComments().flatMap(k -> spellings(k.keyData()));
  }

  /** Every spelling of the fingerprints {@code key} has on its own (its public half, for a private key). */
  public static Arbitrary<FingerprintSpelling> spellings(KeyData key) {
    Objects.requireNonNull(key, "key");
    return Arbitraries.of(all(key.plainKey(), null));
  }

  /**
   * Every spelling of the fingerprints of {@code key}'s public half and, for RSA, of the fingerprint AWS
   * shows for a key pair it created (SHA-1 of the PKCS#8, which needs the private key). Compare these with
   * {@link dev.keypair.fingerprint.FingerprintMatcher#match(SshPrivateKey, String)}.
   */
  public static Arbitrary<FingerprintSpelling> spellings(SshPrivateKey key) {
    Objects.requireNonNull(key, "key");
    KeyData pub = key.keyData().publicKey();
    Fingerprint created = pub.type() == KeyType.RSA ? AwsFingerprints.created(key) : null;
    return Arbitraries.of(all(pub, created));
  }

  private static List<FingerprintSpelling> all(KeyData key, Fingerprint created) {
    List<FingerprintSpelling> out = new ArrayList<>();
    for (FingerprintAlgorithm alg : List.of(FingerprintAlgorithm.SHA256, FingerprintAlgorithm.MD5,
        FingerprintAlgorithm.SHA1)) {
      Fingerprint f = Fingerprints.of(key, alg);
      spell(out, key, alg, f.digest().toByteArray(), true);
      String line = Fingerprints.sshKeygenLineString(SshPublicKey.of(key, Comment.none()), alg);
      out.add(new FingerprintSpelling(key, alg, line));
      out.add(new FingerprintSpelling(key, alg, line + "\n"));
      out.add(new FingerprintSpelling(key, alg, "  " + f.value() + " "));
      out.add(new FingerprintSpelling(key, alg, "\t" + f.value() + "\r\n"));
    }
    if (key.type() == KeyType.RSA) {
      Fingerprint imported = AwsFingerprints.imported(key);
      spell(out, key, imported.algorithm(), imported.digest().toByteArray(), false);
    }
    if (created != null) {
      spell(out, key, created.algorithm(), created.digest().toByteArray(), false);
    }
    return out;
  }

  /**
   * The digest in every encoding, each bare and with a prefix: ssh-keygen's spelling first for the OpenSSH
   * algorithms ({@code openSshFirst}), the console's colon hex first for AWS's.
   */
  private static void spell(List<FingerprintSpelling> out, KeyData key, FingerprintAlgorithm alg, byte[] digest,
      boolean openSshFirst) {
    String prefix = alg.hashName() + ":";
    String base64 = Base64.getEncoder().withoutPadding().encodeToString(digest);
    String padded = Base64.getEncoder().encodeToString(digest);
    String colons = COLONS.formatHex(digest);
    String hex = HexFormat.of().formatHex(digest);
    String openSsh = digest.length == 16 ? colons : base64;
    List<String> bodies = new ArrayList<>(List.of(openSsh, base64, padded, colons, colons.toUpperCase(Locale.ROOT),
        hex, hex.toUpperCase(Locale.ROOT)));
    bodies = bodies.stream().distinct().toList();
    List<String> texts = new ArrayList<>();
    if (openSshFirst) {
      texts.add(prefix + openSsh);
    } else {
      texts.add(colons);
    }
    for (String body : bodies) {
      texts.add(body);
      texts.add(prefix + body);
      texts.add(prefix.toLowerCase(Locale.ROOT) + body);
    }
    texts.stream().distinct().forEach(t -> out.add(new FingerprintSpelling(key, alg, t)));
  }
}
