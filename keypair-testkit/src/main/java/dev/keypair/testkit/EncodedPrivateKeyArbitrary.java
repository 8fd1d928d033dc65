package dev.keypair.testkit;

import dev.keypair.core.Comment;
import dev.keypair.core.Passphrase;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection;
import dev.keypair.formats.PrivateKeyFormat;
import dev.keypair.formats.PrivateKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.arbitraries.ArbitraryDecorator;

/**
 * Encoded key pairs, from {@link EncodedKeys#privateKeys()}. Each option returns a new arbitrary; the defaults
 * are every format, plain or encrypted, LF and CRLF, {@link SshKeys#keyPairs()} with UTF-8 comments from
 * {@link SshKeys#comments()} (the text is a String), passphrases from {@link EncodedKeys#passphrases()}, and
 * cheap key derivation.
 *
 * <p>Encryption, per format: OpenSSH's {@code openssh-key-v1} with each cipher keypair writes
 * ({@link #OPENSSH_CIPHERS}) and bcrypt_pbkdf; traditional PEM with OpenSSL's legacy {@code DEK-Info:
 * AES-256-CBC}; PKCS#8 as PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC); PPK v3 with Argon2id; PPK v2 with
 * AES-256-CBC and PuTTY's SHA-1 derivation (which has no cost). The cheap costs are the lowest that keypair
 * writes and reads with {@code KeyPairLimits.defaults()}: 1 bcrypt round, 1 PBKDF2 iteration, Argon2 with 8
 * KiB, 1 pass and 1 lane; a try then costs microseconds instead of the tenths of a second real costs take.
 * {@link #withDefaultKdfCost()} writes keypair's defaults instead ({@link KeyProtection}: 24 rounds, 600,000
 * iterations, 8 MiB and 34 passes).
 *
 * <p>Shrinks towards the first format given, not encrypted, the first line end, the first cipher and shorter
 * passphrases, then as the keys do.
 */
public final class EncodedPrivateKeyArbitrary extends ArbitraryDecorator<EncodedPrivateKey> {

  /** The OpenSSH ciphers keypair writes, OpenSSH's default first. */
  public static final List<String> OPENSSH_CIPHERS = List.of("aes256-ctr", "aes128-ctr", "aes192-ctr", "aes128-cbc",
      "aes192-cbc", "aes256-cbc", "aes128-gcm@openssh.com", "aes256-gcm@openssh.com", "chacha20-poly1305@openssh.com");

  static final EncodedPrivateKeyArbitrary DEFAULT = new EncodedPrivateKeyArbitrary(List.of(PrivateKeyFormat.values()),
      List.of(LineEnding.values()), null, false, List.of(false, true), EncodedKeys.passphrases(), false);

  private final List<PrivateKeyFormat> formats;
  private final List<LineEnding> lineEndings;
  private final Arbitrary<SshPrivateKey> keys;
  private final boolean withoutComments;
  private final List<Boolean> encryption;
  private final Arbitrary<String> passphrases;
  private final boolean defaultKdfCost;

  private EncodedPrivateKeyArbitrary(List<PrivateKeyFormat> formats, List<LineEnding> lineEndings,
      Arbitrary<SshPrivateKey> keys, boolean withoutComments, List<Boolean> encryption, Arbitrary<String> passphrases,
      boolean defaultKdfCost) {
    this.formats = formats;
    this.lineEndings = lineEndings;
    this.keys = keys;
    this.withoutComments = withoutComments;
    this.encryption = encryption;
    this.passphrases = passphrases;
    this.defaultKdfCost = defaultKdfCost;
  }

  /** Only these formats, shrinking towards the first. */
  public EncodedPrivateKeyArbitrary formats(PrivateKeyFormat... formats) {
    return new EncodedPrivateKeyArbitrary(EncodedPublicKeyArbitrary.nonEmpty(List.of(formats), "format"), lineEndings,
        keys, withoutComments, encryption, passphrases, defaultKdfCost);
  }

  /** Only these line ends, shrinking towards the first. */
  public EncodedPrivateKeyArbitrary lineEndings(LineEnding... lineEndings) {
    return new EncodedPrivateKeyArbitrary(formats, EncodedPublicKeyArbitrary.nonEmpty(List.of(lineEndings),
        "line ending"), keys, withoutComments, encryption, passphrases, defaultKdfCost);
  }

  /**
   * Keys drawn from {@code keys} (for instance {@code SshKeys.keyPairs().ofTypes(KeyType.ED25519)}). Keys a
   * drawn format cannot hold (Ed25519, for traditional PEM) and comments that are not UTF-8, in a format with
   * a comment, are filtered out.
   */
  public EncodedPrivateKeyArbitrary keys(Arbitrary<SshPrivateKey> keys) {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, Objects.requireNonNull(keys, "keys"), withoutComments,
        encryption, passphrases, defaultKdfCost);
  }

  /** Keys without a comment in every format. */
  public EncodedPrivateKeyArbitrary withoutComments() {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, keys, true, encryption, passphrases, defaultKdfCost);
  }

  /** Encrypted keys only. */
  public EncodedPrivateKeyArbitrary encrypted() {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, keys, withoutComments, List.of(true), passphrases,
        defaultKdfCost);
  }

  /** Keys in the clear only. */
  public EncodedPrivateKeyArbitrary unencrypted() {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, keys, withoutComments, List.of(false), passphrases,
        defaultKdfCost);
  }

  /** Passphrases drawn from {@code passphrases}; the empty string is filtered out (it encrypts nothing). */
  public EncodedPrivateKeyArbitrary withPassphrases(Arbitrary<String> passphrases) {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, keys, withoutComments, encryption,
        Objects.requireNonNull(passphrases, "passphrases").filter(p -> !p.isEmpty()), defaultKdfCost);
  }

  /**
   * Encryption with keypair's default key derivation costs, as real files have: slow (a tenth of a second to
   * a second a try), so for a few tries only.
   */
  public EncodedPrivateKeyArbitrary withDefaultKdfCost() {
    return new EncodedPrivateKeyArbitrary(formats, lineEndings, keys, withoutComments, encryption, passphrases, true);
  }

  @Override
  protected Arbitrary<EncodedPrivateKey> arbitrary() {
    return Arbitraries.of(formats).flatMap(format -> Combinators.combine(keysFor(format), Arbitraries.of(encryption),
        Arbitraries.of(lineEndings), passphrases, Arbitraries.of(OPENSSH_CIPHERS))
        .as((key, encrypted, lineEnding, passphrase, cipher) ->
            encode(key, format, lineEnding, encrypted ? Optional.of(passphrase) : Optional.empty(), cipher)));
  }

  private Arbitrary<SshPrivateKey> keysFor(PrivateKeyFormat format) {
    Arbitrary<SshPrivateKey> base;
    if (keys == null) {
      base = SshKeys.keyPairs().ofTypes(EncodedKeys.typesCarried(t -> EncodedKeys.carries(format, t)))
          .withComments(SshKeys.comments().filter(EncodedKeys::isUtf8));
    } else {
      base = keys.filter(k -> EncodedKeys.carries(format, k.type())
          && (withoutComments || !EncodedKeys.hasComment(format) || EncodedKeys.isUtf8(k.comment())));
    }
    return withoutComments || !EncodedKeys.hasComment(format) ? base.map(k -> k.withComment(Comment.none())) : base;
  }

  private EncodedPrivateKey encode(SshPrivateKey key, PrivateKeyFormat format, LineEnding lineEnding,
      Optional<String> passphrase, String cipher) {
    byte[] file;
    if (passphrase.isEmpty()) {
      file = PrivateKeys.encode(key, format, KeyProtection.none(dev.keypair.core.InsecureSecretAccess.get()));
    } else {
      try (Passphrase p = Passphrase.of(passphrase.get().toCharArray())) {
        KeyProtection protection = KeyProtection.passphrase(p).withOpenSshCipher(cipher);
        if (!defaultKdfCost) {
          protection = protection.withBcryptRounds(1).withPbkdf2Iterations(1)
              .withArgon2(KeyProtection.Argon2Variant.ARGON2ID, 8, 1, 1);
        }
        file = PrivateKeys.encode(key, format, protection);
      }
    }
    return new EncodedPrivateKey(key, format, lineEnding, passphrase,
        lineEnding.apply(new String(file, StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "EncodedKeys.privateKeys() in " + formats + " with " + lineEndings
        + (encryption.size() == 2 ? "" : encryption.get(0) ? ", encrypted" : ", not encrypted")
        + (withoutComments ? ", without comments" : "") + (defaultKdfCost ? ", default KDF cost" : "");
  }
}
