package dev.keypair.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.keypair.core.Comment;
import dev.keypair.core.KeyPairException;
import dev.keypair.core.SshPublicKey;
import dev.keypair.formats.OpenSshPublicKeys;
import dev.keypair.testsupport.Fixtures;
import jakarta.mail.BodyPart;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The recovery user data as a MIME document, read back with Jakarta Mail (Angus Mail) as a mail reader would. */
class RecoveryUserDataTest {

  static final String LINE = Fixtures.line("ed25519.pub");
  static final SshPublicKey KEY = OpenSshPublicKeys.parse(LINE);

  /** One part as the parser gives it: its content type, file name and content. */
  record Part(String contentType, String fileName, String content) {}

  /** The document's parts, with the top-level content type checked to be multipart/mixed. */
  static List<Part> parse(String document) throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
        new ByteArrayInputStream(document.getBytes(StandardCharsets.US_ASCII)));
    assertThat(message.isMimeType("multipart/mixed")).isTrue();
    assertThat(message.getHeader("MIME-Version", null)).isEqualTo("1.0");
    MimeMultipart multipart = new MimeMultipart(message.getDataHandler().getDataSource());
    assertThat(multipart.isComplete()).as("closing boundary").isTrue();
    List<Part> parts = new ArrayList<>();
    for (int i = 0; i < multipart.getCount(); i++) {
      BodyPart p = multipart.getBodyPart(i);
      try (InputStream in = p.getInputStream()) {
        parts.add(new Part(p.getContentType(), p.getFileName(), new String(in.readAllBytes(), StandardCharsets.US_ASCII)));
      }
    }
    return parts;
  }

  @Test
  void aMultipartOfTheCloudConfigAndTheScriptInTheAwsGuidesForm() throws Exception {
    RecoveryUserData data = RecoveryUserData.of("ec2-user", KEY);
    assertThat(data.document()).startsWith("Content-Type: multipart/mixed; boundary=\"//\"\nMIME-Version: 1.0\n\n--//\n");
    List<Part> parts = parse(data.document());
    assertThat(parts).hasSize(2);
    assertThat(parts.get(0).contentType()).isEqualTo("text/cloud-config; charset=\"us-ascii\"");
    assertThat(parts.get(0).fileName()).isEqualTo("cloud-config.txt");
    assertThat(parts.get(0).content()).isEqualTo("#cloud-config\ncloud_final_modules:\n- [scripts-user, always]\n");
    assertThat(parts.get(1).contentType()).isEqualTo("text/x-shellscript; charset=\"us-ascii\"");
    assertThat(parts.get(1).fileName()).isEqualTo("userdata.txt");
    assertThat(parts.get(1).content()).isEqualTo(data.shellScript()).startsWith("#!/bin/sh\n");
  }

  @Test
  void theScriptCarriesTheKeyLineAndTheUserSingleQuoted() {
    RecoveryUserData data = RecoveryUserData.of("ubuntu", KEY);
    assertThat(data.authorizedKeysLine()).isEqualTo(LINE);
    assertThat(data.shellScript()).contains("\nuser='ubuntu'\n", "\nkey_line='" + LINE + "'\n",
        "\nkey_type='ssh-ed25519'\n", "\nkey_data='" + LINE.split(" ")[1] + "'\n");
  }

  @Test
  void aCommentWithQuotesAndShellSyntaxIsQuotedNotInterpreted() {
    String comment = "it's $(reboot) `id` \"x\" \\ ; & |";
    RecoveryUserData data = RecoveryUserData.of("alice", KEY.withComment(Comment.of(comment)));
    assertThat(data.authorizedKeysLine()).endsWith(" " + comment);
    assertThat(data.shellScript()).contains("key_line='" + LINE.substring(0, LINE.indexOf(" keypair"))
        + " it'\\''s $(reboot) `id` \"x\" \\ ; & |'\n");
  }

  @Test
  void aCommentThatIsNotPrintableAsciiIsLeftOut() {
    SshPublicKey key = KEY.withComment(Comment.of("José's laptop"));
    assertThat(RecoveryUserData.of("alice", key).authorizedKeysLine()).isEqualTo(OpenSshPublicKeys.encodeToString(
        key.withComment(Comment.none())));
    SshPublicKey tab = KEY.withComment(Comment.of("a\tb"));
    assertThat(RecoveryUserData.of("alice", tab).authorizedKeysLine()).doesNotContain("\t").doesNotEndWith(" ");
  }

  @Test
  void aCertificateGivesTheKeyItCertifies() {
    SshPublicKey cert = OpenSshPublicKeys.parse(Fixtures.line("ed25519-user-cert.pub"));
    RecoveryUserData data = RecoveryUserData.of("alice", cert);
    SshPublicKey written = OpenSshPublicKeys.parse(data.authorizedKeysLine());
    assertThat(written.keyData().isCertificate()).isFalse();
    assertThat(written.keyData()).isEqualTo(cert.keyData().plainKey());
  }

  @Test
  void aCommentHoldingTheBoundaryGetsAnotherBoundary() throws Exception {
    String comment = "--// --keypair-1 end";
    RecoveryUserData data = RecoveryUserData.of("alice", KEY.withComment(Comment.of(comment)));
    assertThat(data.boundary()).isEqualTo("keypair-2");
    assertThat(data.document()).startsWith("Content-Type: multipart/mixed; boundary=\"keypair-2\"\n");
    List<Part> parts = parse(data.document());
    assertThat(parts).hasSize(2);
    assertThat(parts.get(1).content()).isEqualTo(data.shellScript()).contains(comment);
  }

  @Test
  void theDocumentIsSevenBitAscii() {
    String doc = RecoveryUserData.of("alice", KEY.withComment(Comment.of("naïve"))).document();
    assertThat(doc.chars()).allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-alice", "a b", "a;reboot", "$(id)", "a'b", "al:ce", "a\nb", "1000",
      "abcdefghijklmnopqrstuvwxyz0123456"})
  void refusesUserNamesThatAreNotPortable(String user) {
    assertThatThrownBy(() -> RecoveryUserData.of(user, KEY)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code().id()).isEqualTo("Login.InvalidUser"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"ec2-user", "ubuntu", "a", "_svc", "web.admin", "user-1", "0day"})
  void acceptsPortableUserNames(String user) {
    assertThat(RecoveryUserData.of(user, KEY).user()).isEqualTo(user);
  }

  @Test
  void userDataPastWhatEc2AcceptsIsRefused() {
    SshPublicKey key = KEY.withComment(Comment.of("c".repeat(RecoveryUserData.AWS_MAX_BYTES)));
    assertThatThrownBy(() -> RecoveryUserData.of("alice", key)).isInstanceOfSatisfying(KeyPairException.class,
        e -> assertThat(e.code().id()).isEqualTo("Login.UserDataTooLarge"));
    RecoveryUserData rsa = RecoveryUserData.of("alice", OpenSshPublicKeys.parse(Fixtures.line("rsa4096.pub")));
    assertThat(rsa.document().length()).isLessThan(RecoveryUserData.AWS_MAX_BYTES);
  }

  @Test
  void theReminderIsOneLineAboutRemovingIt() {
    String reminder = RecoveryUserData.of("alice", KEY).reminder();
    assertThat(reminder).contains("every boot", "alice", "remove").doesNotContain("\n");
  }
}
