package dev.keypair.store;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Where a registry's new ids come from: injected, so that tests know every id in advance.
 * Implementations must be safe for concurrent use.
 */
@FunctionalInterface
public interface IdGenerator {

  /** A new id of this shape. A registry retries with another id if the store already has this one. */
  String next(IdShape shape);

  /** Random digits from {@code random}: the default, with {@link SecureRandom}. */
  static IdGenerator random(SecureRandom random) {
    Objects.requireNonNull(random, "random");
    return shape -> {
      StringBuilder sb = new StringBuilder(shape.prefix());
      for (int i = 0; i < shape.digits(); i++) {
        int d = shape.decimal() ? (i == 0 ? 1 + random.nextInt(9) : random.nextInt(10)) : random.nextInt(16);
        sb.append(Character.forDigit(d, 16));
      }
      return sb.toString();
    };
  }

  /** Random ids from a new {@link SecureRandom}. */
  static IdGenerator random() {
    return random(new SecureRandom());
  }

  /** 1, 2, 3... zero-padded to the shape ({@code key-00000000000000001}); for tests. */
  static IdGenerator sequential() {
    AtomicLong counter = new AtomicLong();
    return shape -> {
      String n = shape.decimal() ? Long.toString(counter.incrementAndGet())
          : Long.toHexString(counter.incrementAndGet());
      if (n.length() > shape.digits()) {
        throw new IllegalStateException("sequential ids exhausted for " + shape);
      }
      return shape.prefix() + "0".repeat(shape.digits() - n.length()) + n;
    };
  }
}
