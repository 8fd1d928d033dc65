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
    requireId(provider, "provider");
    requireId(region, "region");
  }

  /**
   * Whether {@code value} has the shape of a provider, region or instance id: 1 to {@link #MAX_ID_LENGTH}
   * ASCII letters, digits, {@code -}, {@code _} or {@code .}.
   */
  public static boolean isId(String value) {
    if (value == null || value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      if (!isIdChar(value.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code value}, checked with {@link #isId}.
   *
   * @throws IllegalArgumentException naming {@code what} if it is not an id
   */
  public static String requireId(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty() || value.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException(what + " must be 1 to " + MAX_ID_LENGTH + " characters");
    }
    if (!isId(value)) {
      throw new IllegalArgumentException(what + " may hold only letters, digits, '-', '_' and '.'");
    }
    return value;
  }

  private static boolean isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
        || c == '.';
  }

  @Override
  public String toString() {
    return provider + "/" + region;
  }
}
