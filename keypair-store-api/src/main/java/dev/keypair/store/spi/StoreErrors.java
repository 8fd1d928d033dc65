package dev.keypair.store.spi;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.ErrorCode.Category;

/**
 * The error codes a store throws. They are {@link Category#INPUT}: the store file or database is data and an
 * environment the caller gave (as an unreadable key file is), not a defect in keypair, so the command exits
 * 3 for them, not 5.
 */
public final class StoreErrors {

  private StoreErrors() {}

  /** The store's file or database is damaged (truncated, overwritten, not a store at all); nothing was loaded. */
  public static final ErrorCode CORRUPT = ErrorCode.of("Store.Corrupt", Category.INPUT);

  /** The store could not be read or written (I/O error, disk full, locked too long, closed); nothing changed. */
  public static final ErrorCode UNAVAILABLE = ErrorCode.of("Store.Unavailable", Category.INPUT);

  /** The store was written by a newer keypair (a schema version this one does not know); nothing changed. */
  public static final ErrorCode UNSUPPORTED_VERSION = ErrorCode.of("Store.UnsupportedVersion", Category.INPUT);
}
