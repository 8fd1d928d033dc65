package dev.keypair.formats;

import static dev.keypair.formats.Hostile.assertFails;
import static dev.keypair.formats.Hostile.assertFailsWithin;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyData;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.KeyPairLimits;
import dev.keypair.core.SshPublicKey;
import dev.keypair.core.internal.SshWireReader;
import dev.keypair.core.internal.SshWireWriter;
import dev.keypair.formats.internal.Der;
import dev.keypair.formats.internal.PemBlocks;
import dev.keypair.testsupport.Fixtures;
import dev.keypair.testsupport.TestKeys;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The cases of ../shared/HOSTILE.md for the public key formats (the RFC 4251 blob, the OpenSSH public
 * key line, RFC 4716, PEM SubjectPublicKeyInfo and PKCS#1, base64 DER), each a named test: 1 and 2 for
 * every length field of every blob layout, 5, 21's accepted maximum, 25.
 */
class PublicKeysHostileTest {

  private static final KeyPairLimits LIMITS = KeyPairLimits.defaults();
  private static final Duration TEN_MS = Duration.ofMillis(10);
  private static final Duration P0_BUDGET = Duration.ofMillis(100);
  /**
   * The fields of each blob layout in order: {@code s} a string (or mpint), {@code 4} a uint32,
   * {@code 8} a uint64 (RFC 4251; PROTOCOL.certkeys for the certificates).
   */
  private static final Map<String, String> LAYOUTS = Map.of(
      "rsa2048", "sss", "dsa1024", "sssss", "ecdsa256", "sss", "ed25519", "ss",
      "rsa2048-user-cert", "ssss84ss88sssss", "dsa1024-user-cert", "ssssss84ss88sssss",
      "ecdsa384-user-cert", "ssss84ss88sssss", "ed25519-user-cert", "sss84ss88sssss");

  private static byte[] blob(String fixture) {
    return OpenSshPublicKeys.parse(Fixtures.bytes(fixture + ".pub"), LIMITS).blob().toByteArray();
  }

  /** The offset of each string's length field in {@code blob}, walked by its layout. */
  private static List<Integer> stringOffsets(byte[] blob, String layout) {
    SshWireReader r = new SshWireReader(blob, "fixture");
    List<Integer> offsets = new ArrayList<>();
    for (char c : layout.toCharArray()) {
      int at = blob.length - r.remaining();
      switch (c) {
        case 's' -> {
          offsets.add(at);
          r.readString("field");
        }
        case '4' -> r.readUint32("field");
        default -> r.readUint64("field");
      }
    }
    assertThat(r.remaining()).as("the layout covers the whole blob").isZero();
    return offsets;
  }

  private static byte[] withLength(byte[] prefix, long length) {
    byte[] out = Arrays.copyOf(prefix, prefix.length + 4 + 10);
    for (int i = 0; i < 4; i++) {
      out[prefix.length + i] = (byte) (length >>> (24 - 8 * i));
    }
    Arrays.fill(out, prefix.length + 4, out.length, (byte) 'A');
    return out;
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  @ParameterizedTest(name = "length {0}")
  @ValueSource(longs = {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL})
  void hostile01and02HugeLengthInEveryFieldOfEveryBlob(long length) {
    int checked = 0;
    for (Map.Entry<String, String> e : LAYOUTS.entrySet()) {
      byte[] blob = blob(e.getKey());
      String type = new SshWireReader(blob, "fixture").readName("type", 256);
      for (int offset : stringOffsets(blob, e.getValue())) {
        byte[] bad = withLength(Arrays.copyOf(blob, offset), length);
        assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> KeyData.fromBlob(bad, 0, bad.length, LIMITS));
        Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> KeyData.fromBlob(bad, 0, bad.length, LIMITS));
        if (offset > 0) {
          // the same blob in the text formats
          byte[] line = ascii(type + " " + Base64.getEncoder().encodeToString(bad) + " c\n");
          assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> OpenSshPublicKeys.parse(line, LIMITS));
          byte[] rfc = ascii(Rfc4716.BEGIN_MARKER + "\n" + Base64.getEncoder().encodeToString(bad) + "\n"
              + Rfc4716.END_MARKER + "\n");
          assertFailsWithin(TEN_MS, ErrorCode.FORMAT, () -> Rfc4716.parse(rfc, LIMITS));
        }
        checked++;
      }
    }
    assertThat(checked).as("length fields checked").isEqualTo(58);
  }

  /** The allocation check itself: a refusal that allocates 1 MiB first fails it. */
  @Test
  void allocationCheckCatchesALargeAllocation() {
    assertThatThrownBy(() -> Hostile.assertFailsWithoutLargeAllocation(ErrorCode.FORMAT, () -> {
      byte[] declared = new byte[1 << 20];
      throw new KeyPairException(ErrorCode.FORMAT, "read " + declared.length + " bytes");
    })).isInstanceOf(AssertionError.class).hasMessageContaining("bytes allocated to refuse");
  }

  @Test
  void hostile05TrailingBytesAfterTheBlobAndTheDerInEveryPublicFormat() {
    for (String name : List.of("rsa2048", "ecdsa256", "ed25519", "dsa1024", "ed25519-user-cert")) {
      byte[] blob = blob(name);
      byte[] longer = Arrays.copyOf(blob, blob.length + 1);
      String type = new SshWireReader(blob, "fixture").readName("type", 256);
      assertFails(ErrorCode.FORMAT, () -> KeyData.fromBlob(longer, 0, longer.length, LIMITS));
      assertFails(ErrorCode.FORMAT, () -> OpenSshPublicKeys.parse(
          ascii(type + " " + Base64.getEncoder().encodeToString(longer) + "\n"), LIMITS));
      assertFails(ErrorCode.FORMAT, () -> Rfc4716.parse(ascii(Rfc4716.BEGIN_MARKER + "\n"
          + Base64.getEncoder().encodeToString(longer) + "\n" + Rfc4716.END_MARKER + "\n"), LIMITS));
    }
    for (String name : List.of("rsa2048", "ecdsa384", "ed25519_openssl", "dsa1024")) {
      byte[] der = Base64.getDecoder().decode(Fixtures.line(name + ".der.b64"));
      byte[] longer = Arrays.copyOf(der, der.length + 2);
      assertFails(ErrorCode.FORMAT, () -> SubjectPublicKeyInfo.decode(longer, LIMITS));
      assertFails(ErrorCode.FORMAT, () -> PemPublicKeys.parse(
          PemBlocks.encodeBytes(PemPublicKeys.SPKI_LABEL, longer), LIMITS));
      assertFails(ErrorCode.FORMAT, () -> DerBase64.parse(ascii(Base64.getEncoder().encodeToString(longer)), LIMITS));
    }
    byte[] pkcs1 = PemBlocks.parseSingle(Fixtures.bytes("rsa2048.pkcs1.pem"), LIMITS, "fixture").der();
    byte[] longer = Arrays.copyOf(pkcs1, pkcs1.length + 1);
    assertFails(ErrorCode.FORMAT, () -> PemPublicKeys.parse(
        PemBlocks.encodeBytes(PemPublicKeys.PKCS1_LABEL, longer), LIMITS));
  }

  /** 21: the largest RSA key the default limits allow is read in every public format within budget. */
  @Test
  void hostile21A16384BitKeyIsAcceptedWithinBudgetInEveryFormat() {
    SshPublicKey key = SshPublicKey.of(TestKeys.randomRsa(new Random(21), 16384));
    byte[] line = OpenSshPublicKeys.encode(key);
    byte[] rfc = Rfc4716.encode(key);
    byte[] spki = PemPublicKeys.encodeSpki(key.keyData());
    byte[] pkcs1 = PemPublicKeys.encodePkcs1(key.keyData());
    Hostile.assertRunsWithin(P0_BUDGET, () -> assertThat(OpenSshPublicKeys.parse(line, LIMITS).bits()).isEqualTo(16384));
    Hostile.assertRunsWithin(P0_BUDGET, () -> assertThat(Rfc4716.parse(rfc, LIMITS).key().bits()).isEqualTo(16384));
    Hostile.assertRunsWithin(P0_BUDGET, () -> assertThat(PemPublicKeys.parse(spki, LIMITS).bits()).isEqualTo(16384));
    Hostile.assertRunsWithin(P0_BUDGET, () -> assertThat(PemPublicKeys.parse(pkcs1, LIMITS).bits()).isEqualTo(16384));
    // one bit more is refused in each
    BigInteger n = TestKeys.randomRsa(new Random(22), 16385).modulus();
    byte[] blob = new SshWireWriter().writeString("ssh-rsa").writeMpint(BigInteger.valueOf(65537)).writeMpint(n)
        .toByteArray();
    assertFailsWithin(P0_BUDGET, ErrorCode.KEY_TOO_LARGE, () -> OpenSshPublicKeys.parse(
        ascii("ssh-rsa " + Base64.getEncoder().encodeToString(blob) + "\n"), LIMITS));
    byte[] spkiDer = Der.sequence(Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.nul()),
        Der.bitString(Der.sequence(Der.integer(n), Der.integer(BigInteger.valueOf(65537)))));
    assertFailsWithin(P0_BUDGET, ErrorCode.KEY_TOO_LARGE, () -> SubjectPublicKeyInfo.decode(spkiDer, LIMITS));
  }

  /** 25: an Ed25519 public key of 31 or 33 bytes, in each public format. */
  @ParameterizedTest(name = "{0} bytes")
  @ValueSource(ints = {31, 33})
  void hostile25Ed25519PublicKeyOfTheWrongLengthInEveryFormat(int length) {
    byte[] blob = new SshWireWriter().writeString("ssh-ed25519").writeString(new byte[length]).toByteArray();
    String b64 = Base64.getEncoder().encodeToString(blob);
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> KeyData.fromBlob(blob, 0, blob.length, LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE,
        () -> OpenSshPublicKeys.parse(ascii("ssh-ed25519 " + b64 + "\n"), LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> Rfc4716.parse(
        ascii(Rfc4716.BEGIN_MARKER + "\n" + b64 + "\n" + Rfc4716.END_MARKER + "\n"), LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE,
        () -> AuthorizedKeys.parseEntry(ascii("ssh-ed25519 " + b64), LIMITS));
    byte[] spki = Der.sequence(Der.sequence(Der.oid("1.3.101.112")), Der.bitString(new byte[length]));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE, () -> SubjectPublicKeyInfo.decode(spki, LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE,
        () -> PemPublicKeys.parse(PemBlocks.encodeBytes(PemPublicKeys.SPKI_LABEL, spki), LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE,
        () -> DerBase64.parse(ascii(Base64.getEncoder().encodeToString(spki)), LIMITS));
    assertFailsWithin(P0_BUDGET, ErrorCode.INVALID_VALUE,
        () -> PublicKeys.decode(ascii("ssh-ed25519 " + b64 + "\n"), LIMITS));
  }
}
