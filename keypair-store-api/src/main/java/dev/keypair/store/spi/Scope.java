package dev.keypair.store.spi;

import java.util.Objects;

/**
 * The partition a registry works in: one provider profile in one region. Everything a store keeps
 * belongs to exactly one scope, and no operation of a store reads or changes another scope, so
 * regions are isolated the way a cloud's regions are.
 *
 * @param provider the profile id, such as {@code aws-ec2}
 * @param region   the region id, such as {@code eu-west-1}
 */
public record Scope(String provider, String region) {

  /** Longest provider or region id a store must keep. */
  public static final int MAX_ID_LENGTH = 64;

  public Scope {
    check(provider, "provider");
    check(region, "region");
  }

  private static void check(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
          || c == '.';
      if (!ok) {
        throw new IllegalArgumentException(what + " may hold only letters, digits, '-', '_' and '.'");
      }
    }
  }

  @Override
  public String toString() {
    return provider + "/" + region;
  }
}
