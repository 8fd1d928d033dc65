package dev.keypair.store.jdbc;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test hook for the crash tests (HOSTILE 36): when the system property {@value #PROPERTY} names a point, the JVM
 * halts there as a crash would end it ({@link Runtime#halt}: no shutdown hooks, no finally blocks, no close),
 * with status {@value #HALT_STATUS}. The value is {@code NAME} (the first passage) or {@code NAME@N} (the Nth).
 * Without the property, a passage costs one comparison.
 *
 * <p>The points: {@code write-before-commit} (a write's statements ran, its {@code COMMIT} did not),
 * {@code write-after-commit} (committed, not yet returned), {@code create-before-link} (a new store is complete
 * in its temporary file, not yet linked into place) and {@code create-after-link} (linked, the temporary name not
 * yet removed).
 */
final class CrashPoint {

  /** The system property naming the point. */
  static final String PROPERTY = "dev.keypair.store.jdbc.crashPoint";

  /** The exit status of a JVM halted at the point. */
  static final int HALT_STATUS = 86;

  private static final String NAME;
  private static final int AT;
  private static final AtomicInteger PASSAGES = new AtomicInteger();

  static {
    String value = System.getProperty(PROPERTY, "");
    int at = value.indexOf('@');
    NAME = at < 0 ? value : value.substring(0, at);
    AT = at < 0 ? 1 : Integer.parseInt(value.substring(at + 1));
  }

  private CrashPoint() {}

  /** Halts the JVM if {@code point} is the named one and this is its chosen passage. */
  static void reach(String point) {
    if (point.equals(NAME) && PASSAGES.incrementAndGet() == AT) {
      Runtime.getRuntime().halt(HALT_STATUS);
    }
  }
}
