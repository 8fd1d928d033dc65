package dev.keypair.login;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.util.Objects;
import java.util.regex.Pattern;

/** The user names the login helpers accept: POSIX portable names as Linux tools create them. */
final class UserNames {

  /** A user name refused by a login helper. */
  static final ErrorCode INVALID_USER = ErrorCode.of("Login.InvalidUser", ErrorCode.Category.INPUT);

  /**
   * 1 to 32 of the POSIX portable file name characters {@code [A-Za-z0-9._-]}, not starting with {@code -}
   * (useradd's length limit; a colon, white space or a shell metacharacter never passes).
   */
  private static final Pattern PORTABLE = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._-]{0,31}");

  private UserNames() {}

  /** {@code user}, if it is a portable user name; else the library's exception naming {@code where} it goes. */
  static String requirePortable(String user, String where) {
    Objects.requireNonNull(user, "user");
    if (!PORTABLE.matcher(user).matches()) {
      throw new KeyPairException(INVALID_USER,
          "a user name for " + where + " is 1 to 32 of A-Z a-z 0-9 . _ - and does not start with -");
    }
    return user;
  }
}
