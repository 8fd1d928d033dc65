/**
 * Login helpers: what a program does after a key pair exists, so that a login with it works, and
 * finding out why one is refused ("Permission denied (publickey)").
 */
package dev.keypair.login;
