package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.MutationSweep.Changes;
import dev.keypair.testsupport.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The OpenSSH {@code test_fuzz} sweep (HOSTILE 3, 4) over the public key formats, with
 * {@link MutationSweep}: the RFC 4251 blob, the OpenSSH public key line, the RFC 4716 file and the PEM
 * public key files (SubjectPublicKeyInfo and PKCS#1) of every fixture, and an {@code authorized_keys}
 * entry with options; every truncation from either end, and for each byte the 8 bit flips, the byte
 * flip and a deterministic sample of other values (for the texts: the characters of their structure).
 * (The DER inside the PEM files gets every value of every byte in {@link DerMutationTest}.) A blob that is
 * accepted re-encodes to exactly the mutated bytes. The text formats are lenient where a flip can reach
 * (spacing, line ends, header case), so there an accepted key must re-encode consistently: its blob is
 * canonical, and what the encoder writes for it reads back as the same key and comment.
 */
class PublicKeysMutationTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  /** Every key fixture and every certificate. */
  static final List<String> KEYS = Stream.concat(Fixtures.PUBLIC_KEYS.stream(), Fixtures.CERTIFICATES.stream())
      .toList();
  /** Keys with an RFC 4716 export. */
  static final List<String> RFC4716_KEYS = Fixtures.PUBLIC_KEYS;
  /** Keys with a PEM SubjectPublicKeyInfo export. */
  static final List<String> SPKI_KEYS = Stream.concat(Fixtures.SPKI_KEYS.stream(), Stream.of("ed25519_openssl"))
      .toList();
  static final List<String> RSA_KEYS = Fixtures.RSA_KEYS;

  private static void canonicalBlob(KeyData key) {
    byte[] blob = key.blob().toByteArray();
    assertThat(KeyData.fromBlob(blob, 0, blob.length, LIMITS).blob().toByteArray()).isEqualTo(blob);
  }

  @ParameterizedTest
  @FieldSource("KEYS")
  void blob(String name) {
    byte[] blob = OpenSshPublicKeys.parse(Fixtures.bytes(name + ".pub"), LIMITS).blob().toByteArray();
    MutationSweep.sweep(blob, Changes.BITS_AND_SAMPLE, MutationSweep.NO_KDF,
        b -> assertThat(KeyData.fromBlob(b, 0, b.length, LIMITS).blob().toByteArray()).isEqualTo(b));
  }

  @ParameterizedTest
  @FieldSource("KEYS")
  void openSshLine(String name) {
    MutationSweep.sweep(Fixtures.bytes(name + ".pub"), Changes.TEXT, MutationSweep.NO_KDF, line -> {
      SshPublicKey k = OpenSshPublicKeys.parse(line, LIMITS);
      canonicalBlob(k.keyData());
      assertThat(OpenSshPublicKeys.parse(OpenSshPublicKeys.encode(k), LIMITS)).isEqualTo(k);
    });
  }

  @ParameterizedTest
  @FieldSource("RFC4716_KEYS")
  void authorizedKeysEntry(String name) {
    byte[] line = ("restrict,command=\"echo \\\"hi\\\"\",from=\"10.0.0.0/8,!10.1.0.0/16\",environment=\"A=b c\" "
        + new String(Fixtures.bytes(name + ".pub"), StandardCharsets.ISO_8859_1).strip())
        .getBytes(StandardCharsets.ISO_8859_1);
    MutationSweep.sweep(line, Changes.TEXT, MutationSweep.NO_KDF, l -> {
      AuthorizedKeyEntry e = AuthorizedKeys.parseEntry(l, LIMITS);
      canonicalBlob(e.key().keyData());
      assertThat(AuthorizedKeys.parseEntry(e.toBytes(), LIMITS)).isEqualTo(e);
    });
  }

  @ParameterizedTest
  @FieldSource("RFC4716_KEYS")
  void rfc4716(String name) {
    MutationSweep.sweep(Fixtures.bytes(name + ".rfc4716"), Changes.TEXT, MutationSweep.NO_KDF, text -> {
      SshPublicKey k = Rfc4716.parse(text, LIMITS).key();
      canonicalBlob(k.keyData());
      assertThat(Rfc4716.parse(Rfc4716.encode(k), LIMITS).key()).isEqualTo(k);
    });
  }

  @ParameterizedTest
  @FieldSource("SPKI_KEYS")
  void pemSubjectPublicKeyInfo(String name) {
    MutationSweep.sweep(Fixtures.bytes(name + ".pkcs8.pem"), Changes.TEXT, MutationSweep.NO_KDF, text -> {
      SshPublicKey k = PemPublicKeys.parse(text, LIMITS);
      canonicalBlob(k.keyData());
      assertThat(PemPublicKeys.parse(PemPublicKeys.encodeSpki(k.keyData()), LIMITS).keyData()).isEqualTo(k.keyData());
    });
  }

  @ParameterizedTest
  @FieldSource("RSA_KEYS")
  void pemPkcs1(String name) {
    MutationSweep.sweep(Fixtures.bytes(name + ".pkcs1.pem"), Changes.TEXT, MutationSweep.NO_KDF, text -> {
      SshPublicKey k = PemPublicKeys.parse(text, LIMITS);
      canonicalBlob(k.keyData());
      assertThat(PemPublicKeys.parse(PemPublicKeys.encodePkcs1(k.keyData()), LIMITS).keyData())
          .isEqualTo(k.keyData());
    });
  }
}
