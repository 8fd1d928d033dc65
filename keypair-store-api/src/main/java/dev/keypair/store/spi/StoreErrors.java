package dev.keypair.store.spi;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.ErrorCode.Category;

/** The error codes a store throws; none of them is the caller's fault, so all are {@link Category#INTERNAL}. */
public final class StoreErrors {

  private StoreErrors() {}

  /** The store's file or database is damaged (truncated, overwritten, not a store at all); nothing was loaded. */
  public static final ErrorCode CORRUPT = ErrorCode.of("Store.Corrupt", Category.INTERNAL);

  /** The store could not be read or written (I/O error, disk full, locked too long, closed); nothing changed. */
  public static final ErrorCode UNAVAILABLE = ErrorCode.of("Store.Unavailable", Category.INTERNAL);

  /** The store was written by a newer keypair (a schema version this one does not know); nothing changed. */
  public static final ErrorCode UNSUPPORTED_VERSION = ErrorCode.of("Store.UnsupportedVersion", Category.INTERNAL);
}
