package dev.keypair.examples.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * {@code keypair registry}: one provider profile's key-pair registry in one region, like a cloud
 * console's Key Pairs page (../shared/CLI.md, "The registry").
 *
 * <p>This class only names the command and its options: every run of {@code keypair} builds it for
 * {@code --help}, so it must not touch the registry or store classes (nor load SQLite). The work is in
 * {@link RegistryRun}, loaded when a registry command runs.
 */
final class RegistryCommand implements CliCommand {

  @Override
  public String name() {
    return "registry";
  }

  @Override
  public String synopsis() {
    return "[--store URL] --provider P --region R COMMAND [OPTIONS]";
  }

  @Override
  public String description() {
    return "The key-pair registry of one provider profile and region, like a cloud console's Key Pairs page: "
        + "create, import, list, show and delete key pairs, and attach them to instances, under the provider's "
        + "rules (quota, names, key types, fingerprints) and with its error codes (exit 4 when a rule refuses). "
        + "Private keys are written to a file once and never stored.";
  }

  @Override
  public Options options() {
    return new Options()
        .addOption(Option.builder().longOpt("store").hasArg().argName("URL")
            .desc("The registry store: a file path (SQLite) or a jdbc: URL. Default: $KEYPAIR_HOME/registry.db, "
                + "else ~/.keypair/registry.db.").get())
        .addOption(Option.builder().longOpt("provider").hasArg().argName("P")
            .desc("The provider profile: aws-ec2, alibaba-ecs, alibaba-swas, openstack-nova, digitalocean or "
                + "hetzner.").get())
        .addOption(Option.builder().longOpt("region").hasArg().argName("R")
            .desc("The region, such as eu-west-1 or cn-hangzhou; each region is a separate registry.").get())
        .addOption(json());
  }

  static Option json() {
    return Option.builder().longOpt("json").desc("Print one JSON document on stdout instead of text.").get();
  }

  @Override
  public boolean takesSubcommands() {
    return true;
  }

  @Override
  public String details() {
    return "Commands:\n"
        + "  create --name N [--type rsa|ed25519] [--format pem|ppk] --out FILE [--force]\n"
        + "      [--tag K=V]...\n"
        + "      The provider makes a key pair; its private key is written to FILE\n"
        + "      (owner-only; an existing FILE replaced only with --force), never stored.\n"
        + "  import --name N --in FILE [--tag K=V]... [--from-private]\n"
        + "      [--passphrase-file F]\n"
        + "      Registers the public key of FILE (- for standard input); a private key\n"
        + "      file is refused unless --from-private.\n"
        + "  list [--name PATTERN] [--fingerprint FP] [--tag K=V]... [--page-size N]\n"
        + "      [--page-token T]\n"
        + "      Key pairs by name, a page at a time (* wildcards where the provider\n"
        + "      has them).\n"
        + "  show --name N | --id ID\n"
        + "      One key pair with its public key.\n"
        + "  delete --name N...\n"
        + "      Deletes as the provider does (--name a --name b, or --name a b).\n"
        + "  instance add --id I [--os linux|windows] | instance list\n"
        + "  instance restart --id I | instance show --id I\n"
        + "      Instances; show prints the authorized_keys the instance serves now.\n"
        + "  attach --name N --instance I...  |  detach --name N --instance I...\n"
        + "      Binds or unbinds the key pair, with a result per instance.\n"
        + "\n"
        + "Text output:\n"
        + "  a key pair (create, import, show): 'field: value' lines id, name, type, bits,\n"
        + "    fingerprint, origin, created (ISO-8601 UTC), one 'tag: K=V' line per tag,\n"
        + "    and for show publicKey (the OpenSSH line, the key-pair name as comment)\n"
        + "  list: a line per key pair, tab-separated: id name type bits fingerprint origin\n"
        + "    created; then 'next-page-token: T' when there are more pages\n"
        + "  delete: 'deleted: NAME' per key pair deleted (none for a missing name where\n"
        + "    the provider's delete is idempotent)\n"
        + "  instance add, restart: 'field: value' lines id, os, state, keyPair (when one\n"
        + "    is bound), restartPending (true/false)\n"
        + "  instance list: a line per instance, tab-separated: id os state keyPair|-\n"
        + "    restart-pending|-\n"
        + "  instance show: the authorized_keys the instance serves now (empty when none)\n"
        + "  attach, detach: a line per instance, tab-separated: instance ok|CODE message;\n"
        + "    each refusal is also 'keypair: CODE: instance I: message' on stderr and the\n"
        + "    exit code is 4 (the other instances' results stand)\n"
        + "\n"
        + "JSON output (--json): one document on stdout. A key pair: {\"id\", \"name\",\n"
        + "  \"type\", \"bits\", \"fingerprint\", \"origin\", \"created\", \"tags\": {K: V}}, with\n"
        + "  \"publicKey\" for show. list: {\"keyPairs\": [...], \"nextPageToken\": T or null}.\n"
        + "  delete: {\"deleted\": [NAME...]}. An instance: {\"id\", \"os\", \"state\",\n"
        + "  \"keyPair\" (or null), \"restartPending\"}, with \"authorizedKeys\" for instance\n"
        + "  show; instance list: {\"instances\": [...]}. attach, detach: {\"keyPair\": N,\n"
        + "  \"results\": [{\"instance\", \"succeeded\", \"code\" (or null), \"message\"}]}.\n"
        + "  A command that fails prints nothing on stdout (attach and detach print their\n"
        + "  results even when an instance is refused).\n";
  }

  @Override
  public int run(CommandArgs args) {
    return RegistryRun.run(args);
  }
}
