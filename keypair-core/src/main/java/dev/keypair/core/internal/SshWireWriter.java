package dev.keypair.core.internal;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Writes RFC 4251 section 5 data types into a growing byte array. */
public final class SshWireWriter {

  private byte[] buf;
  private int len;

  public SshWireWriter() {
    this(64);
  }

  public SshWireWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  private void ensure(int extra) {
    if (buf.length - len < extra) {
      long want = Math.max((long) buf.length * 2, (long) len + extra);
      if (want > Integer.MAX_VALUE - 8) {
        throw new IllegalStateException("encoding too large");
      }
      buf = Arrays.copyOf(buf, (int) want);
    }
  }

  public SshWireWriter writeByte(int b) {
    ensure(1);
    buf[len++] = (byte) b;
    return this;
  }

  public SshWireWriter writeBoolean(boolean b) {
    return writeByte(b ? 1 : 0);
  }

  public SshWireWriter writeUint32(long v) {
    ensure(4);
    buf[len++] = (byte) (v >>> 24);
    buf[len++] = (byte) (v >>> 16);
    buf[len++] = (byte) (v >>> 8);
    buf[len++] = (byte) v;
    return this;
  }

  public SshWireWriter writeUint64(long v) {
    ensure(8);
    for (int shift = 56; shift >= 0; shift -= 8) {
      buf[len++] = (byte) (v >>> shift);
    }
    return this;
  }

  /** Raw bytes, without a length prefix. */
  public SshWireWriter writeRaw(byte[] b) {
    return writeRaw(b, 0, b.length);
  }

  public SshWireWriter writeRaw(byte[] b, int off, int n) {
    ensure(n);
    System.arraycopy(b, off, buf, len, n);
    len += n;
    return this;
  }

  public SshWireWriter writeString(byte[] b) {
    return writeString(b, 0, b.length);
  }

  public SshWireWriter writeString(byte[] b, int off, int n) {
    writeUint32(n);
    return writeRaw(b, off, n);
  }

  /** A string of UTF-8 (a subset of which is ASCII) text. */
  public SshWireWriter writeString(String s) {
    return writeString(s.getBytes(StandardCharsets.UTF_8));
  }

  /** A non-negative mpint in its minimal form. */
  public SshWireWriter writeMpint(BigInteger v) {
    if (v.signum() < 0) {
      throw new IllegalArgumentException("negative mpint");
    }
    if (v.signum() == 0) {
      return writeUint32(0);
    }
    return writeString(v.toByteArray());
  }

  public int size() {
    return len;
  }

  /** A copy of what was written. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }

  /** Overwrites the written bytes with zeros (for buffers that held secrets). */
  public void wipe() {
    Arrays.fill(buf, (byte) 0);
    len = 0;
  }
}
