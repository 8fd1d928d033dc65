package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.ErrorCode;
import dev.keypair.core.InsecureSecretAccess;
import dev.keypair.core.Passphrase;
import dev.keypair.core.RsaPrivateKeyData;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.core.internal.Wipe;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.testsupport.TestKeys;
import dev.keypair.testsupport.Vectors;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link PuttyPrivateKeys} against the puttygen 0.78 fixtures and the public vectors: every fixture reads to the
 * key puttygen exported, and keypair writes each one again byte for byte.
 */
class PuttyPrivateKeysTest {

  private static final KeyProtection NONE = KeyProtection.none(InsecureSecretAccess.get());

  static Stream<Arguments> fixtures() {
    return PpkFixtures.KEYS.stream().flatMap(k -> PpkFixtures.VARIANTS.stream().map(v -> Arguments.of(k, v)));
  }

  @ParameterizedTest(name = "{0}{1}")
  @MethodSource("fixtures")
  void readsWhatPuttygenWrote(String name, String variant) {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes(name + variant + ".ppk"), PpkFixtures.passphrase());
    SshPrivateKey expected = PpkFixtures.privateKey(name);
    assertThat(d.format()).isEqualTo(variant.startsWith("_v2") ? KeyFormat.PPK_V2 : KeyFormat.PPK_V3);
    assertThat(d.publicKey()).isEqualTo(PpkFixtures.publicKey(name));
    assertThat(d.publicKey().comment()).isEqualTo(Comment.of(name + " fixture"));
    assertThat(d.requirePrivateKey().sameKey(expected)).isTrue();
    assertThat(d.requirePrivateKey().comment()).isEqualTo(expected.comment());
    assertThat(d.encryption()).isEqualTo(switch (variant) {
      case "_v3_enc" -> java.util.Optional.of("aes256-cbc/Argon2id/64/1/1");
      case "_v2_enc" -> java.util.Optional.of("aes256-cbc");
      default -> java.util.Optional.<String>empty();
    });
  }

  /**
   * Unencrypted files and encrypted version 2 files (no salt, zero IV, padding from SHA-1) come out
   * identical to puttygen's; an encrypted version 3 file too, given puttygen's salt.
   */
  @ParameterizedTest(name = "{0}{1}")
  @MethodSource("fixtures")
  void writesWhatPuttygenWrote(String name, String variant) {
    if (name.startsWith("dsa")) {
      return; // read only: see dsaIsReadOnly
    }
    byte[] file = PpkFixtures.bytes(name + variant + ".ppk");
    SshPrivateKey key = PuttyPrivateKeys.decode(file, PpkFixtures.passphrase()).requirePrivateKey();
    int version = variant.startsWith("_v2") ? 2 : 3;
    KeyProtection protection = variant.endsWith("_enc")
        ? KeyProtection.passphrase(PpkFixtures.passphrase()).withArgon2(Argon2Variant.ARGON2ID, 64, 1, 1) : NONE;
    byte[] salt = version == 3 && variant.endsWith("_enc") ? salt(file) : null;
    assertThat(new String(PuttyPrivateKeys.encode(key, version, protection, salt), StandardCharsets.ISO_8859_1))
        .isEqualTo(new String(file, StandardCharsets.ISO_8859_1));
  }

  @Test
  void reencryptingVersion3ChangesOnlySaltCiphertextAndMac() {
    byte[] file = PpkFixtures.bytes("rsa2048_v3_enc.ppk");
    SshPrivateKey key = PuttyPrivateKeys.decode(file, PpkFixtures.passphrase()).requirePrivateKey();
    byte[] ours = PuttyPrivateKeys.encode(key, 3,
        KeyProtection.passphrase(PpkFixtures.passphrase()).withArgon2(Argon2Variant.ARGON2ID, 64, 1, 1));
    String[] a = new String(file, StandardCharsets.US_ASCII).split("\n");
    String[] b = new String(ours, StandardCharsets.US_ASCII).split("\n");
    assertThat(b).hasSameSizeAs(a);
    int privateLines = indexOf(a, "Private-Lines: ");
    for (int i = 0; i < a.length; i++) {
      boolean mayDiffer = a[i].startsWith("Argon2-Salt: ") || a[i].startsWith("Private-MAC: ")
          || i > privateLines && i < a.length - 1;
      if (!mayDiffer) {
        assertThat(b[i]).as("line %d", i + 1).isEqualTo(a[i]);
      } else if (a[i].startsWith("Argon2-Salt: ")) {
        assertThat(b[i]).isNotEqualTo(a[i]).matches("Argon2-Salt: [0-9a-f]{32}");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ed25519_v3_argon2d", "ed25519_v3_argon2i", "ed25519_v3_argon2id"})
  void eachArgon2VariantOfPuttygen(String file) {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes(file + ".ppk"), PpkFixtures.passphrase());
    String variant = file.substring(file.lastIndexOf('_') + 1);
    assertThat(d.encryption()).contains("aes256-cbc/A" + variant.substring(1) + "/1024/2/2");
    assertThat(d.requirePrivateKey().sameKey(PpkFixtures.privateKey("ed25519"))).isTrue();
  }

  @Test
  void argon2MemoryThatIsNoMultipleOfFourKiBPerLane() {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes("ecdsa256_v3_argon2id_m1000_p3.ppk"),
        PpkFixtures.passphrase());
    assertThat(d.encryption()).contains("aes256-cbc/Argon2id/1000/3/3");
    assertThat(d.requirePrivateKey().sameKey(PpkFixtures.privateKey("ecdsa256"))).isTrue();
  }

  @Test
  void puttygensOwnDefaults() {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes("rsa2048_v3_enc_puttygen_time.ppk"),
        PpkFixtures.passphrase());
    assertThat(d.encryption()).hasValueSatisfying(e -> assertThat(e).startsWith("aes256-cbc/Argon2id/8192/"));
    assertThat(d.requirePrivateKey().sameKey(PpkFixtures.privateKey("rsa2048"))).isTrue();
  }

  @Test
  void commentBytesKept() {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes("ed25519_v3_comment.ppk"), null);
    assertThat(d.publicKey().comment()).isEqualTo(Comment.of("zoë  and  ops team "));
    assertThat(PuttyPrivateKeys.encode(d.requirePrivateKey(), 3, NONE)).isEqualTo(PpkFixtures.bytes("ed25519_v3_comment.ppk"));
  }

  /** Any bytes but CR, LF (and NUL, which PuTTY's C strings end at) round-trip, leading spaces included. */
  @Test
  void commentsAreBytes() {
    List<byte[]> comments = List.of("  leading, inner  and trailing  ".getBytes(StandardCharsets.UTF_8),
        new byte[] {(byte) 0xff, 't', '\t', (byte) 0x80, ':', ' '}, new byte[0]);
    for (byte[] c : comments) {
      SshPrivateKey key = TestKeys.ed25519Private(3).withComment(Comment.ofBytes(c));
      for (int version : new int[] {2, 3}) {
        byte[] file = PuttyPrivateKeys.encode(key, version, NONE);
        DecodedPrivateKey d = PuttyPrivateKeys.decode(file, null);
        assertThat(d.publicKey().comment().bytes().toByteArray()).isEqualTo(c);
        assertThat(PuttyPrivateKeys.encode(d.requirePrivateKey(), version, NONE)).isEqualTo(file);
      }
    }
  }

  @Test
  void lockedWithoutPassphrase() {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes("ecdsa384_v3_enc.ppk"), null);
    assertThat(d.isEncrypted()).isTrue();
    assertThat(d.isUnlocked()).isFalse();
    assertThat(d.privateKey()).isEmpty();
    assertThat(d.publicKey()).isEqualTo(PpkFixtures.publicKey("ecdsa384"));
    assertThat(d.encryption()).contains("aes256-cbc/Argon2id/64/1/1");
    Hostile.assertFails(ErrorCode.PASSPHRASE_REQUIRED, d::requirePrivateKey);
    DecodedPrivateKey v2 = PuttyPrivateKeys.decode(PpkFixtures.bytes("ecdsa384_v2_enc.ppk"), null);
    assertThat(v2.encryption()).contains("aes256-cbc");
    assertThat(v2.publicKey()).isEqualTo(PpkFixtures.publicKey("ecdsa384"));
  }

  @Test
  void passphraseOfAnUnencryptedFileIsIgnored() {
    DecodedPrivateKey d = PuttyPrivateKeys.decode(PpkFixtures.bytes("ed25519_v2.ppk"), Passphrase.of("x".toCharArray()));
    assertThat(d.isEncrypted()).isFalse();
    assertThat(d.requirePrivateKey().sameKey(PpkFixtures.privateKey("ed25519"))).isTrue();
  }

  @Test
  void ed448IsUnsupported() {
    Hostile.assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PuttyPrivateKeys.decode(PpkFixtures.bytes("ed448_v3.ppk"), null));
  }

  @Test
  void dsaIsReadOnly() {
    SshPrivateKey dsa = PuttyPrivateKeys.decode(PpkFixtures.bytes("dsa1024_v3.ppk"), null).requirePrivateKey();
    Hostile.assertFails(ErrorCode.UNSUPPORTED_ALGORITHM, () -> PuttyPrivateKeys.encode(dsa, 3, NONE));
  }

  // ---------------------------------------------------------------- line ends

  @ParameterizedTest
  @ValueSource(strings = {"\r\n", "\r"})
  void crlfAndCrLineEnds(String end) {
    for (String file : List.of("rsa2048_v2_enc.ppk", "ed25519_v3_enc.ppk", "ecdsa521_v3.ppk")) {
      byte[] converted = PpkFixtures.text(file).replace("\n", end).getBytes(StandardCharsets.ISO_8859_1);
      assertThat(PuttyPrivateKeys.decode(converted, PpkFixtures.passphrase()).requirePrivateKey().sameKey(
          PuttyPrivateKeys.decode(PpkFixtures.bytes(file), PpkFixtures.passphrase()).requirePrivateKey())).as(file).isTrue();
    }
  }

  @Test
  void blankLinesOnlyAfterTheMac() {
    String file = PpkFixtures.text("ed25519_v3.ppk");
    assertThat(PuttyPrivateKeys.decode((file + "\n\n").getBytes(StandardCharsets.ISO_8859_1), null).isUnlocked()).isTrue();
    assertThat(PuttyPrivateKeys.decode(file.substring(0, file.length() - 1).getBytes(StandardCharsets.ISO_8859_1), null)
        .isUnlocked()).as("no final line end").isTrue();
    Hostile.assertFails(ErrorCode.FORMAT,
        () -> PuttyPrivateKeys.decode((file + "x\n").getBytes(StandardCharsets.ISO_8859_1), null));
    Hostile.assertFails(ErrorCode.FORMAT,
        () -> PuttyPrivateKeys.decode(file.replace("Comment:", "\nComment:").getBytes(StandardCharsets.ISO_8859_1), null));
    Hostile.assertFails(ErrorCode.FORMAT, () -> PuttyPrivateKeys.decode((file + file).getBytes(StandardCharsets.ISO_8859_1), null));
  }

  // ---------------------------------------------------------------- the public vectors

  @Test
  void vectorFingerprints() {
    int checked = 0;
    for (Vectors.Row row : Vectors.expected()) {
      if (!row.method().startsWith("ppk_")) {
        continue;
      }
      byte[] blob = PuttyPrivateKeys.decode(Vectors.bytes(row.file()), null).publicKey().blob().toByteArray();
      if (row.method().equals("ppk_openssh_md5")) {
        assertThat(colonHex(digest("MD5", blob))).as(row.toString()).isEqualTo(row.expected());
      } else {
        assertThat(row.method()).isEqualTo("ppk_sha256");
        assertThat("SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest("SHA-256", blob)))
            .as(row.toString()).isEqualTo(row.expected());
      }
      checked++;
    }
    assertThat(checked).isEqualTo(2);
  }

  /**
   * The vectors' PPKs are the same key as their PKCS#1 PEM, whose numbers {@code openssl pkey -text}
   * prints (keypair's PEM codec is another module's work); the p &lt; q one differs in the order of the
   * primes, which puttygen swapped.
   */
  @Test
  void vectorPpksAreThePemKey() {
    Map<String, BigInteger> pem = PpkFixtures.opensslNumbers(dev.keypair.testsupport.ExternalTools.openssl()
        .run(vectorBytes("derived/rsa2048_pkcs1.pem"), "pkey", "-text", "-noout").ok().out());
    SshPrivateKey fromPem = rsa(pem);
    for (String file : List.of("derived/rsa2048_v2.ppk", "derived/rsa2048_v3.ppk")) {
      SshPrivateKey k = PuttyPrivateKeys.decode(Vectors.bytes(file), null).requirePrivateKey();
      assertThat(k.sameKey(fromPem)).as(file).isTrue();
    }
    Map<String, BigInteger> ltq = PpkFixtures.opensslNumbers(dev.keypair.testsupport.ExternalTools.openssl()
        .run(vectorBytes("derived/rsa2048_p_lt_q_pkcs1.pem"), "pkey", "-text", "-noout").ok().out());
    SshPrivateKey original = rsa(ltq);
    assertThat(ltq.get("prime1")).isLessThan(ltq.get("prime2"));
    SshPrivateKey swapped = PuttyPrivateKeys.decode(Vectors.bytes("derived/rsa2048_p_lt_q_v3.ppk"), null).requirePrivateKey();
    RsaPrivateKeyData s = (RsaPrivateKeyData) swapped.keyData();
    InsecureSecretAccess a = InsecureSecretAccess.get();
    assertThat(s.publicKey()).isEqualTo(original.keyData().publicKey());
    assertThat(s.primeP(a)).isEqualTo(ltq.get("prime2"));
    assertThat(s.primeQ(a)).isEqualTo(ltq.get("prime1"));
    assertThat(s.privateExponent(a)).isEqualTo(ltq.get("privateExponent"));
    assertThat(swapped.sameKey(original)).as("puttygen swapped p and q").isFalse();
    // keypair keeps the order it is given: its PPK of the PEM key is not puttygen's
    byte[] ours = PuttyPrivateKeys.encode(original.withComment(Comment.of("imported-openssh-key")), 3, NONE);
    assertThat(ours).isNotEqualTo(Vectors.bytes("derived/rsa2048_p_lt_q_v3.ppk"));
    assertThat(PuttyPrivateKeys.decode(ours, null).requirePrivateKey().sameKey(original)).isTrue();
  }

  private static byte[] vectorBytes(String file) {
    return Vectors.bytes(file);
  }

  static SshPrivateKey rsa(Map<String, BigInteger> v) {
    return SshPrivateKey.of(RsaPrivateKeyData.of(v.get("modulus"), v.get("publicExponent"), v.get("privateExponent"),
        v.get("prime1"), v.get("prime2"), v.get("coefficient")));
  }

  // ---------------------------------------------------------------- writing

  @Test
  void layout() {
    SshPrivateKey key = TestKeys.ed25519Private(7).withComment(Comment.of("me@host"));
    String v3 = new String(PuttyPrivateKeys.encode(key, PrivateKeyFormat.PPK,
        KeyProtection.passphrase(PpkFixtures.passphrase()).withArgon2(Argon2Variant.ARGON2D, 32, 2, 4)),
        StandardCharsets.US_ASCII);
    assertThat(v3).matches("PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: aes256-cbc\nComment: me@host\n"
        + "Public-Lines: 2\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{4}\nKey-Derivation: Argon2d\nArgon2-Memory: 32\n"
        + "Argon2-Passes: 2\nArgon2-Parallelism: 4\nArgon2-Salt: [0-9a-f]{32}\nPrivate-Lines: 1\n"
        + "[A-Za-z0-9+/]{64}\nPrivate-MAC: [0-9a-f]{64}\n");
    String v2 = new String(PuttyPrivateKeys.encode(key, PrivateKeyFormat.PPK2, NONE), StandardCharsets.US_ASCII);
    assertThat(v2).matches("PuTTY-User-Key-File-2: ssh-ed25519\nEncryption: none\nComment: me@host\n"
        + "Public-Lines: 2\n[A-Za-z0-9+/]{64}\n[A-Za-z0-9+/]{4}\nPrivate-Lines: 1\n[A-Za-z0-9+/]{48}\n"
        + "Private-MAC: [0-9a-f]{40}\n");
  }

  @Test
  void writingRefusesWhatTheFormatCannotHold() {
    SshPrivateKey key = TestKeys.ed25519Private(1);
    for (String c : List.of("a\nb", "a\rb", "a\0b")) {
      Hostile.assertFails(ErrorCode.UNREPRESENTABLE,
          () -> PuttyPrivateKeys.encode(key.withComment(Comment.of(c)), 3, NONE));
    }
    assertThatThrownBy(() -> PuttyPrivateKeys.encode(key, 4, NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PuttyPrivateKeys.encode(key, 1, NONE)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PuttyPrivateKeys.encode(key, PrivateKeyFormat.OPENSSH, NONE))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PuttyPrivateKeys.encode(key, 3, KeyProtection.passphrase(PpkFixtures.passphrase())
        .withArgon2(Argon2Variant.ARGON2ID, 15, 1, 2))).isInstanceOf(IllegalArgumentException.class);
  }

  // ---------------------------------------------------------------- secrets (HOSTILE 16)

  @Test
  void wipesWhatItMadeOnSuccess() {
    for (String file : List.of("rsa2048_v3_enc.ppk", "ed25519_v2_enc.ppk", "ecdsa256_v3.ppk")) {
      List<String> tags = observeWipes(() -> PuttyPrivateKeys.decode(PpkFixtures.bytes(file), PpkFixtures.passphrase()));
      assertThat(tags).as(file).contains("ppk-private-blob", "ppk-mac-key");
      if (file.contains("_enc")) {
        assertThat(tags).as(file).contains("ppk-passphrase", "ppk-cipher-key", "ppk-iv");
        assertThat(tags).as(file).contains(file.contains("_v3") ? "ppk-argon2-output" : "ppk-v2-cipher-key-hash");
      } else {
        assertThat(tags).as(file).contains("ppk-private-base64");
      }
    }
    assertThat(observeWipes(() -> PuttyPrivateKeys.decode(PpkFixtures.bytes("ed25519_v3.ppk"), null)))
        .contains("ppk-ed25519-seed", "ppk-private-blob");
  }

  @Test
  void wipesWhatItMadeOnWrongPassphrase() {
    for (String file : List.of("rsa2048_v3_enc.ppk", "rsa2048_v2_enc.ppk")) {
      List<String> tags = observeWipes(() -> Hostile.assertFails(ErrorCode.WRONG_PASSPHRASE,
          () -> PuttyPrivateKeys.decode(PpkFixtures.bytes(file), Passphrase.of("wrong".toCharArray()))));
      assertThat(tags).as(file).contains("ppk-passphrase", "ppk-cipher-key", "ppk-iv", "ppk-mac-key",
          "ppk-private-blob");
    }
  }

  @Test
  void wipesWhatItMadeWhenWriting() {
    SshPrivateKey key = TestKeys.rsaPool().stream().findFirst().map(SshPrivateKey::of).orElseThrow();
    List<String> tags = observeWipes(() -> PuttyPrivateKeys.encode(key, 3,
        KeyProtection.passphrase(PpkFixtures.passphrase()).withArgon2(Argon2Variant.ARGON2ID, 64, 1, 1)));
    assertThat(tags).contains("ppk-passphrase", "ppk-argon2-output", "ppk-cipher-key", "ppk-mac-key",
        "ppk-private-blob", "ppk-private-component", "ppk-padding-hash");
    assertThat(observeWipes(() -> PuttyPrivateKeys.encode(key, 2, NONE))).contains("ppk-private-blob", "ppk-base64-out");
  }

  /** Runs {@code r} with a wipe observer; asserts every buffer it saw is zero; returns their tags. */
  static List<String> observeWipes(Runnable r) {
    dev.keypair.testsupport.Wipes.Observed w = dev.keypair.testsupport.Wipes.during(r::run);
    assertThat(w.buffers()).allMatch(Wipe::isWiped);
    return w.tags();
  }

  // ---------------------------------------------------------------- helpers

  static byte[] salt(byte[] file) {
    for (String line : new String(file, StandardCharsets.US_ASCII).split("\n")) {
      if (line.startsWith("Argon2-Salt: ")) {
        return HexFormat.of().parseHex(line.substring("Argon2-Salt: ".length()));
      }
    }
    throw new IllegalArgumentException("no salt");
  }

  private static int indexOf(String[] lines, String prefix) {
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }

  static byte[] digest(String algorithm, byte[] data) {
    try {
      return MessageDigest.getInstance(algorithm).digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String colonHex(byte[] b) {
    StringBuilder s = new StringBuilder();
    for (byte x : b) {
      s.append(s.length() == 0 ? "" : ":").append(String.format("%02x", x));
    }
    return s.toString();
  }
}
