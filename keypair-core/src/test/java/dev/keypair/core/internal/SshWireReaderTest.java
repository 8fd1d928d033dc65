package dev.keypair.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SshWireReaderTest {

  /** HOSTILE 1 and 2: a length far past the end, including ones negative as an int, with 10 bytes left. */
  @ParameterizedTest
  @ValueSource(longs = {0x7FFFFFFFL, 0x80000000L, 0xFFFFFFFFL, 11})
  void hugeLengthIsATypedErrorWithoutAllocation(long declared) {
    byte[] buf = new byte[14];
    buf[0] = (byte) (declared >>> 24);
    buf[1] = (byte) (declared >>> 16);
    buf[2] = (byte) (declared >>> 8);
    buf[3] = (byte) declared;
    SshWireReader r = new SshWireReader(buf, "test blob");
    assertThatThrownBy(() -> r.readString("field"))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORMAT))
        .hasMessageContaining("field 'field' at offset 0 declares " + declared + " bytes but only 10 are left");
  }

  @Test
  void mpintMustBeMinimalAndNonNegative() {
    assertThat(mpint("00000000").signum()).isZero();
    assertThat(mpint("0000000100")).isNull(); // unneeded leading zero (zero must be empty)
    assertThat(mpint("000000020080")).isEqualTo(BigInteger.valueOf(0x80));
    assertThat(mpint("00000002007f")).isNull(); // leading zero not needed
    assertThat(mpint("0000000180")).isNull(); // negative
    assertThat(mpint("000000017f")).isEqualTo(BigInteger.valueOf(0x7f));
  }

  @Test
  void mpintOverItsCapIsRefusedBeforeDecoding() {
    byte[] buf = new byte[4 + 300];
    buf[2] = 1;
    buf[3] = 44; // 300 bytes
    buf[4] = 1;
    SshWireReader r = new SshWireReader(buf, "b");
    assertThatThrownBy(() -> r.readMpint("n", 1024))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.KEY_TOO_LARGE))
        .hasMessage("b: mpint 'n' at offset 0 is 300 bytes long, over the limit of 1024 bits");
  }

  @Test
  void trailingBytesAreReported() {
    SshWireReader r = new SshWireReader(new byte[] {0, 0, 0, 0, 9}, "blob");
    r.readString("s");
    assertThatThrownBy(r::requireEnd).hasMessage("blob: 1 unexpected trailing bytes at offset 4");
  }

  @Property
  void writerAndReaderAgree(@ForAll byte[] s, @ForAll long u64, @ForAll java.math.BigInteger big) {
    BigInteger v = big.abs();
    byte[] enc = new SshWireWriter().writeString(s).writeUint64(u64).writeMpint(v).writeUint32(7).toByteArray();
    SshWireReader r = new SshWireReader(enc, "t");
    assertThat(r.readString("s")).isEqualTo(s);
    assertThat(r.readUint64("u")).isEqualTo(u64);
    assertThat(r.readMpint("m", 100_000)).isEqualTo(v);
    assertThat(r.readUint32("i")).isEqualTo(7);
    r.requireEnd();
  }

  private static BigInteger mpint(String hex) {
    try {
      return new SshWireReader(java.util.HexFormat.of().parseHex(hex), "t").readMpint("m", 4096);
    } catch (KeyPairException e) {
      return null;
    }
  }
}
