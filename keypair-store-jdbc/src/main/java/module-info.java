/** The JDBC key-pair store, with the embedded SQLite default. */
module dev.keypair.store.jdbc {
  requires transitive dev.keypair.store;
  requires transitive java.sql;
  requires org.xerial.sqlitejdbc;

  exports dev.keypair.store.jdbc;
}
