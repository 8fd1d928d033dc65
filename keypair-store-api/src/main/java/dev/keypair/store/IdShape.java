package dev.keypair.store;

import java.util.Objects;

/**
 * What a provider's key-pair ids look like: a prefix and a number of lowercase hex or decimal digits
 * ({@code key-} and 17 hex digits on AWS).
 *
 * @param prefix  the fixed start, possibly empty
 * @param digits  how many digits follow, 1 to 32
 * @param decimal decimal digits (a numeric id such as DigitalOcean's) rather than lowercase hex
 */
public record IdShape(String prefix, int digits, boolean decimal) {

  public IdShape {
    Objects.requireNonNull(prefix, "prefix");
    if (digits < 1 || digits > 32) {
      throw new IllegalArgumentException("digits must be 1 to 32");
    }
  }

  /** {@code prefix} and {@code digits} lowercase hex digits. */
  public static IdShape hex(String prefix, int digits) {
    return new IdShape(prefix, digits, false);
  }

  /** {@code digits} decimal digits. */
  public static IdShape decimal(int digits) {
    return new IdShape("", digits, true);
  }

  /** Whether {@code id} has this shape. */
  public boolean matches(String id) {
    if (id == null || !id.startsWith(prefix) || id.length() != prefix.length() + digits) {
      return false;
    }
    for (int i = prefix.length(); i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= '0' && c <= '9') || (!decimal && c >= 'a' && c <= 'f');
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
