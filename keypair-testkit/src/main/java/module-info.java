/** jqwik generators for property-based tests of code that handles SSH keys. */
module dev.keypair.testkit {
  requires transitive dev.keypair.store;
  requires transitive net.jqwik.api;

  exports dev.keypair.testkit;
}
