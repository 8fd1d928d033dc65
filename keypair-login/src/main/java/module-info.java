/** Login helpers: authorized_keys editing, ssh config entries, recovery user data, metadata renderings. */
module dev.keypair.login {
  requires transitive dev.keypair.core;
  requires transitive dev.keypair.formats;
  requires dev.keypair.fingerprint;

  exports dev.keypair.login;
}
