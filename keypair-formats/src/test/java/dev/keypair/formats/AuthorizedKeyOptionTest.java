package dev.keypair.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.ErrorCode;
import dev.keypair.core.KeyPairException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AuthorizedKeyOptionTest {

  /** AuthorizedKeys reads a line that starts with a key type name as a key without asking whether it is an option. */
  @Test
  void noKeyTypeNameIsAnOptionName() {
    for (dev.keypair.core.KeyType type : dev.keypair.core.KeyType.values()) {
      for (String name : List.of(type.sshName(), type.certificateName(), "x-cert-v01@openssh.com")) {
        byte[] b = name.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(AuthorizedKeyOption.isKnownName(b, 0, b.length)).as(name).isFalse();
        assertThat(AuthorizedKeys.isKeyTypeName(b, 0, b.length)).as(name).isEqualTo(!name.isEmpty());
      }
    }
  }


  static final List<String> FLAGS = List.of("agent-forwarding", "cert-authority", "no-agent-forwarding",
      "no-port-forwarding", "no-pty", "no-touch-required", "no-user-rc", "no-verify-required", "no-X11-forwarding",
      "port-forwarding", "pty", "restrict", "touch-required", "user-rc", "verify-required", "X11-forwarding");

  static final List<String> VALUED = List.of("command", "environment", "expiry-time", "from", "permitlisten",
      "permitopen", "principals", "tunnel");

  @Test
  void knowsTheOptionsOfSshd() {
    assertThat(AuthorizedKeyOption.knownNames()).hasSize(FLAGS.size() + VALUED.size())
        .containsAll(FLAGS).containsAll(VALUED);
    for (String f : FLAGS) {
      assertThat(AuthorizedKeyOption.flag(f).hasValue()).isFalse();
      assertThat(AuthorizedKeyOption.isFlag(f)).isTrue();
    }
    for (String v : VALUED) {
      assertThat(AuthorizedKeyOption.isFlag(v)).isFalse();
    }
  }

  @Test
  void namesAreCaseInsensitiveAndKeptInSshdSpelling() {
    assertThat(AuthorizedKeyOption.flag("NO-PTY").name()).isEqualTo("no-pty");
    assertThat(AuthorizedKeyOption.flag("no-x11-forwarding").name()).isEqualTo("no-X11-forwarding");
    assertThat(AuthorizedKeyOption.flag("x11-FORWARDING").name()).isEqualTo("X11-forwarding");
    assertThat(AuthorizedKeyOption.of("Command", "ls")).isEqualTo(AuthorizedKeyOption.of("command", "ls"));
    assertThat(AuthorizedKeyOption.of("PermitOpen", "h:1").name()).isEqualTo("permitopen");
  }

  @ParameterizedTest
  @ValueSource(strings = {"no-restrict", "no-cert-authority", "pty2", "nopty", "command2", "x", "no-", "",
      "permit-open", "no-x11", "environment-x"})
  void unknownNamesAreRejected(String name) {
    assertInvalidOption(() -> AuthorizedKeyOption.flag(name), name.isEmpty() ? "''" : name);
    assertInvalidOption(() -> AuthorizedKeyOption.of(name, "v"), null);
  }

  @Test
  void flagsTakeNoValueAndTheOthersNeedOne() {
    for (String f : FLAGS) {
      assertInvalidOption(() -> AuthorizedKeyOption.of(f, "x"), f);
    }
    for (String v : VALUED) {
      assertInvalidOption(() -> AuthorizedKeyOption.flag(v), v);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "expiry-time|20301231", "expiry-time|203012312359", "expiry-time|20301231235959", "expiry-time|20301231Z",
      "expiry-time|20301231z", "expiry-time|203012312359Z", "expiry-time|20301231235959UTC",
      "expiry-time|20240229", "expiry-time|19700102",
      "tunnel|0", "tunnel|1", "tunnel|2147483645", "tunnel|any",
      "permitopen|host.example.com:22", "permitopen|10.0.0.1:443", "permitopen|*:80", "permitopen|host:*",
      "permitopen|[::1]:22", "permitopen|[fe80::1%eth0]:65535", "permitopen|h:00022",
      "permitopen|db:postgresql", "permitopen|host:ssh", "permitopen|host/22", "permitlisten|http",
      "permitlisten|8080", "permitlisten|*", "permitlisten|localhost:8080", "permitlisten|[::1]:1",
      "permitlisten|*:*",
      "environment|PATH=/bin", "environment|_X1=", "environment|LANG=C.UTF-8 with spaces=and=equals",
      "environment|9LIVES=x",
      "command|/bin/echo \"quoted\" \\n", "command|", "from|*.example.com,!10.0.0.1",
      "principals|alice,bob"})
  void validValues(String name, String value) {
    AuthorizedKeyOption o = AuthorizedKeyOption.of(name, value == null ? "" : value);
    assertThat(o.value()).isEqualTo(value == null ? "" : value);
    assertThat(o.hasValue()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "expiry-time|2030", "expiry-time|203012", "expiry-time|2030123", "expiry-time|20301301", "expiry-time|20300230",
      "expiry-time|20230229", "expiry-time|203012312460", "expiry-time|2030123123", "expiry-time|20301231235960",
      "expiry-time|20301231X", "expiry-time|Z", "expiry-time|UTC", "expiry-time|19691231", "expiry-time|2030-12-31",
      "expiry-time|+0301231", "expiry-time|'20301231 '", "expiry-time|''",
      "tunnel|-1", "tunnel|2147483646", "tunnel|1x", "tunnel|''", "tunnel|99999999999", "tunnel|+1",
      "permitopen|host", "permitopen|host:", "permitopen|:22", "permitopen|host:0", "permitopen|host:65536",
      "permitopen|::1:22", "permitopen|[::1]", "permitopen|[::1]22", "permitopen|[]:22",
      "permitopen|a/b:22", "permitopen|host:22:33", "permitopen|''", "permitopen|22",
      "permitlisten|0", "permitlisten|65536", "permitlisten|host:", "permitlisten|''",
      "environment|NOEQUALS", "environment|=value", "environment|BAD-NAME=x", "environment|A B=x",
      "environment|''"})
  void invalidValues(String name, String value) {
    assertInvalidOption(() -> AuthorizedKeyOption.of(name, value), name);
  }

  @Test
  void longHostsAreRejected() {
    AuthorizedKeyOption.of("permitopen", "h".repeat(1024) + ":22");
    assertInvalidOption(() -> AuthorizedKeyOption.of("permitopen", "h".repeat(1025) + ":22"), "permitopen");
  }

  @Test
  void valuesNoLineCanHoldAreUnrepresentable() {
    for (String v : List.of("a\nb", "a\rb", "a\0b", "ends with backslash\\", "\\")) {
      assertThatThrownBy(() -> AuthorizedKeyOption.of("command", v))
          .isInstanceOfSatisfying(KeyPairException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.UNREPRESENTABLE);
            assertThat(e.getMessage()).contains("'command'");
          });
    }
  }

  @Test
  void messagesNameTheOptionNotTheValue() {
    String secretish = "AAAAsomething-long-" + "x".repeat(200);
    assertThatThrownBy(() -> AuthorizedKeyOption.of("tunnel", secretish))
        .isInstanceOfSatisfying(KeyPairException.class, e -> {
          assertThat(e.getMessage()).contains("'tunnel'").doesNotContain("AAAAsomething");
        });
    assertThatThrownBy(() -> AuthorizedKeyOption.flag("y".repeat(500)))
        .isInstanceOfSatisfying(KeyPairException.class, e -> assertThat(e.getMessage().length()).isLessThan(120));
  }

  @Test
  void encodesWithEscapedQuotes() {
    assertThat(AuthorizedKeyOption.flag("No-Pty").encode()).isEqualTo("no-pty");
    assertThat(AuthorizedKeyOption.of("command", "echo \"hi\" \\n \\\"x").encode())
        .isEqualTo("command=\"echo \\\"hi\\\" \\n \\\\\"x\"");
    assertThat(AuthorizedKeyOption.of("from", "").encode()).isEqualTo("from=\"\"");
  }

  private static void assertInvalidOption(Runnable r, String named) {
    assertThatThrownBy(r::run).isInstanceOfSatisfying(KeyPairException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_OPTION);
      if (named != null) {
        assertThat(e.getMessage()).contains(named.equals("''") ? "''" : "'" + named + "'");
      }
    });
  }
}
