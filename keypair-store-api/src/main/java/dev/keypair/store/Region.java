package dev.keypair.store;

import dev.keypair.store.spi.Scope;

/**
 * A cloud region, such as {@code eu-west-1} or {@code cn-hangzhou}. Registries are per region: a key
 * pair registered in one region is invisible in every other.
 *
 * @param id 1 to 64 letters, digits, {@code -}, {@code _} or {@code .}
 */
public record Region(String id) {

  public Region {
    Scope.requireId(id, "region");
  }

  /** The region with this id. */
  public static Region of(String id) {
    return new Region(id);
  }

  @Override
  public String toString() {
    return id;
  }
}
