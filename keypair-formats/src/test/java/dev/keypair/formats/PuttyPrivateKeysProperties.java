package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPrivateKey;
import dev.keypair.formats.KeyProtection.Argon2Variant;
import dev.keypair.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties of {@link PuttyPrivateKeys} over every key type keypair writes (RSA from the pool of real keys,
 * ECDSA on each curve, Ed25519): what re-encrypting changes (Argon2 with tiny costs), and totality. The round
 * trips, on the testkit's keys, are keypair-testkit's {@code PuttyPrivateKeysRoundTripProperties}.
 */
class PuttyPrivateKeysProperties {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();

  /** A passphrase with some Argon2 variant and tiny costs, and its description. */
  record Protection(KeyProtection protection, String description) {
    @Override
    public String toString() {
      return description;
    }
  }

  @Provide
  Arbitrary<SshPrivateKey> keys() {
    return TestKeys.privateKeys();
  }

  /** A passphrase with some Argon2 variant and tiny costs. */
  @Provide
  Arbitrary<Protection> protections() {
    Arbitrary<String> passphrases = Arbitraries.strings().withCharRange(' ', '~').withChars('ü', '中', '\t')
        .ofMinLength(1).ofMaxLength(30);
    return Combinators.combine(passphrases, Arbitraries.of(Argon2Variant.values()),
        Arbitraries.integers().between(1, 3), Arbitraries.integers().between(1, 2), Arbitraries.integers().between(0, 24))
        .as((pw, variant, lanes, passes, extraKiB) -> new Protection(
            KeyProtection.passphrase(dev.keypair.core.Passphrase.of(pw.toCharArray()))
                .withArgon2(variant, 8 * lanes + extraKiB, passes, lanes),
            variant.ppkName() + "/" + (8 * lanes + extraKiB) + "/" + passes + "/" + lanes));
  }

  /**
   * Encrypting again with version 3 changes the salt, and with it the ciphertext and the MAC, and nothing
   * else: not the headers, not the line count, not the padding (taken from the blob's SHA-1, which the
   * same key always has). Version 2 has no salt: the same bytes again.
   */
  @Property(tries = 100)
  void reencryptingChangesOnlySaltCiphertextAndMac(@ForAll("keys") SshPrivateKey key,
      @ForAll("protections") Protection p) {
    assertThat(PuttyPrivateKeys.encode(key, 2, p.protection())).isEqualTo(PuttyPrivateKeys.encode(key, 2, p.protection()));
    byte[] a = PuttyPrivateKeys.encode(key, 3, p.protection());
    byte[] b = PuttyPrivateKeys.encode(key, 3, p.protection());
    List<String> la = lines(a);
    List<String> lb = lines(b);
    assertThat(lb).hasSameSizeAs(la);
    int privateHeader = indexOf(la, "Private-Lines: ");
    for (int i = 0; i < la.size(); i++) {
      String line = la.get(i);
      if (line.startsWith("Argon2-Salt: ")) {
        assertThat(lb.get(i)).isNotEqualTo(line);
      } else if (!(i > privateHeader && i < la.size() - 1) && !line.startsWith("Private-MAC: ")) {
        assertThat(lb.get(i)).isEqualTo(line);
      }
    }
    // same salt: same bytes, so padding and everything else come from the key, passphrase and costs alone
    byte[] salt = PuttyPrivateKeysTest.salt(a);
    assertThat(PuttyPrivateKeys.encode(key, 3, p.protection(), salt)).isEqualTo(a);
    assertThat(PuttyPrivateKeys.decode(b, p.protection().passphrase().orElseThrow(), LIMITS).requirePrivateKey().sameKey(key))
        .isTrue();
  }

  /** On arbitrary bytes the decoder returns a key or throws KeyPairException, nothing else. */
  @Property(tries = 3000)
  void decoderIsTotalOnArbitraryBytes(@ForAll("texts") byte[] text) {
    total(text);
  }

  /** On a valid file with one line replaced by arbitrary text, likewise. */
  @Property(tries = 2000)
  void decoderIsTotalOnAFileWithOneLineReplaced(@ForAll("files") byte[] file, @ForAll("lines") String line,
      @ForAll @IntRange(min = 0, max = 40) int index) {
    List<String> lines = new java.util.ArrayList<>(lines(file));
    lines.set(index % lines.size(), line);
    total((String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1));
  }

  private static void total(byte[] text) {
    try {
      DecodedPrivateKey d = PuttyPrivateKeys.decode(text, PpkFixtures.passphrase(), LIMITS);
      assertThat(d.publicKey()).isNotNull();
    } catch (KeyPairException expected) {
      assertThat(expected.getMessage()).doesNotContain("\n");
    }
  }

  @Provide
  Arbitrary<byte[]> texts() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(400);
    Arbitrary<byte[]> prefixed = Combinators.combine(Arbitraries.of("PuTTY-User-Key-File-2: ssh-rsa\n",
        "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: \n", "PuTTY-User-Key-File-3: ecdsa-sha2-nistp256\n"
            + "Encryption: aes256-cbc\nComment: x\nPublic-Lines: 1\n"), raw)
        .as((p, r) -> {
          byte[] head = p.getBytes(StandardCharsets.US_ASCII);
          byte[] out = Arrays.copyOf(head, head.length + r.length);
          System.arraycopy(r, 0, out, head.length, r.length);
          return out;
        });
    return Arbitraries.oneOf(raw, prefixed);
  }

  @Provide
  Arbitrary<byte[]> files() {
    return Arbitraries.of("ed25519_v3.ppk", "ed25519_v2_enc.ppk", "ecdsa256_v3_enc.ppk", "rsa2048_v2.ppk",
        "dsa1024_v3.ppk").map(PpkFixtures::bytes);
  }

  @Provide
  Arbitrary<String> lines() {
    Arbitrary<String> any = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(80);
    Arbitrary<String> headers = Combinators.combine(Arbitraries.of("PuTTY-User-Key-File-3", "Encryption", "Comment",
        "Public-Lines", "Key-Derivation", "Argon2-Memory", "Argon2-Passes", "Argon2-Parallelism", "Argon2-Salt",
        "Private-Lines", "Private-MAC"), Arbitraries.of("0", "1", "2", "-1", "4294967295", "none", "aes256-cbc",
        "Argon2id", "00112233445566778899aabbccddeeff", "", "ssh-rsa", "99999999"))
        .as((h, v) -> h + ": " + v);
    Arbitrary<String> base64 = Arbitraries.strings().withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=")
        .ofMinLength(1).ofMaxLength(68);
    return Arbitraries.oneOf(any, headers, base64);
  }

  private static List<String> lines(byte[] file) {
    return List.of(new String(file, StandardCharsets.ISO_8859_1).split("\n"));
  }

  private static int indexOf(List<String> lines, String prefix) {
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).startsWith(prefix)) {
        return i;
      }
    }
    return -1;
  }
}
