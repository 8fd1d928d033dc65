package dev.keypair.core.internal;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * Overwrites buffers that held secrets: decrypted blobs, KDF output, passphrase bytes. Every wipe in
 * keypair goes through here, with a tag naming what the buffer held, so a test can check that the
 * copies an operation made were wiped (see {@link #setObserverForTests}).
 *
 * <p>What cannot be wiped: {@link java.math.BigInteger} values (RSA, DSA and ECDSA private
 * components are BigIntegers, as in the JDK) and JCA key objects.
 */
public final class Wipe {

  private static volatile BiConsumer<String, Object> observer;

  private Wipe() {}

  /** Fills {@code buffer} with zeros; {@code null} is ignored. */
  public static void wipe(String tag, byte[] buffer) {
    if (buffer != null) {
      Arrays.fill(buffer, (byte) 0);
      notify(tag, buffer);
    }
  }

  /** Fills {@code buffer} with zeros; {@code null} is ignored. */
  public static void wipe(String tag, char[] buffer) {
    if (buffer != null) {
      Arrays.fill(buffer, '\0');
      notify(tag, buffer);
    }
  }

  /**
   * Fills {@code buffer} with zeros; {@code null} is ignored. For cipher state held as words (the
   * Blowfish state of bcrypt_pbkdf).
   */
  public static void wipe(String tag, int[] buffer) {
    if (buffer != null) {
      Arrays.fill(buffer, 0);
      notify(tag, buffer);
    }
  }

  /** Fills {@code buffer} with zeros; {@code null} is ignored. For numbers held as 64-bit words. */
  public static void wipe(String tag, long[] buffer) {
    if (buffer != null) {
      Arrays.fill(buffer, 0L);
      notify(tag, buffer);
    }
  }

  private static void notify(String tag, Object buffer) {
    BiConsumer<String, Object> o = observer;
    if (o != null) {
      o.accept(tag, buffer);
    }
  }

  /**
   * Test hook: {@code observer} sees each wiped buffer (after the wipe) with its tag; {@code null}
   * removes it. Not for production use.
   */
  public static void setObserverForTests(BiConsumer<String, Object> newObserver) {
    observer = newObserver;
  }

  /** Whether every element of {@code buffer} is zero. */
  public static boolean isWiped(Object buffer) {
    Objects.requireNonNull(buffer, "buffer");
    if (buffer instanceof byte[]) {
      for (byte b : (byte[]) buffer) {
        if (b != 0) {
          return false;
        }
      }
      return true;
    }
    if (buffer instanceof long[]) {
      for (long w : (long[]) buffer) {
        if (w != 0) {
          return false;
        }
      }
      return true;
    }
    if (buffer instanceof int[]) {
      for (int w : (int[]) buffer) {
        if (w != 0) {
          return false;
        }
      }
      return true;
    }
    for (char c : (char[]) buffer) {
      if (c != 0) {
        return false;
      }
    }
    return true;
  }
}
