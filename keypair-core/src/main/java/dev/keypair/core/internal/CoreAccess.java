package dev.keypair.core.internal;

import dev.keypair.core.Bytes;
import java.util.Objects;

/**
 * Copy-free access to {@link Bytes} for keypair's own modules (the JDK's "shared secrets" pattern).
 *
 * <p>{@code Bytes} is immutable to the world: it copies on the way in and out. keypair's codecs parse
 * and hash blobs millions of times, so they borrow the backing array here instead, on the promise
 * never to modify it. This package is exported only to keypair's modules.
 */
public final class CoreAccess {

  /** Implemented inside {@code Bytes}. */
  public interface BytesAccess {
    Bytes wrap(byte[] owned);

    byte[] array(Bytes bytes);
  }

  private static volatile BytesAccess bytesAccess;

  private CoreAccess() {}

  /** Called once, by {@code Bytes}'s static initializer. */
  public static void setBytesAccess(BytesAccess access) {
    if (bytesAccess != null) {
      throw new IllegalStateException("already set");
    }
    bytesAccess = Objects.requireNonNull(access);
  }

  private static BytesAccess access() {
    BytesAccess a = bytesAccess;
    if (a == null) {
      Bytes.empty(); // runs Bytes's static initializer, which registers the accessor
      a = bytesAccess;
    }
    return a;
  }

  /** A {@code Bytes} that owns {@code owned}; the caller must not touch the array afterwards. */
  public static Bytes wrap(byte[] owned) {
    return access().wrap(owned);
  }

  /** The backing array of {@code bytes}; the caller must not modify it. */
  public static byte[] array(Bytes bytes) {
    return access().array(bytes);
  }
}
