package dev.keypair.login;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A family of cloud images and the users its images let log in with the launch key pair (the default user,
 * and the alternative the provider's guide names), as the providers' "Permission denied (publickey)" guides list
 * them.
 */
public enum ImageFamily {
  AMAZON_LINUX("amazon-linux", "ec2-user"),
  CENTOS("centos", "centos", "ec2-user"),
  DEBIAN("debian", "admin"),
  FEDORA("fedora", "fedora", "ec2-user"),
  RHEL("rhel", "ec2-user", "root"),
  SUSE("suse", "ec2-user", "root"),
  UBUNTU("ubuntu", "ubuntu"),
  ORACLE_LINUX("oracle-linux", "ec2-user"),
  BITNAMI("bitnami", "bitnami"),
  FREEBSD("freebsd", "ec2-user"),
  ALIBABA_CLOUD_LINUX("alibaba-cloud-linux", "root", "ecs-user");

  private final String cliName;
  private final List<String> loginUsers;

  ImageFamily(String cliName, String... loginUsers) {
    this.cliName = cliName;
    this.loginUsers = List.of(loginUsers);
  }

  /** The family's name on the command line: {@code amazon-linux}, {@code ubuntu}... */
  public String cliName() {
    return cliName;
  }

  /** The users the family's images log in as, the default one first. */
  public List<String> loginUsers() {
    return loginUsers;
  }

  /** Whether {@code user} is one of {@link #loginUsers()}. */
  public boolean isLoginUser(String user) {
    return loginUsers.contains(user);
  }

  /** The family named {@code name} ({@link #cliName()}), if there is one. */
  public static Optional<ImageFamily> fromCliName(String name) {
    return Arrays.stream(values()).filter(f -> f.cliName.equals(name)).findFirst();
  }
}
