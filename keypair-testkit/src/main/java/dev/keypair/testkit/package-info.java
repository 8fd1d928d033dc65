/**
 * jqwik generators for property-based tests of code that handles SSH keys.
 */
package dev.keypair.testkit;
