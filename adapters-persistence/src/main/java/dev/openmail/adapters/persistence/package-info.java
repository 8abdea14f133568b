/**
 * The outgoing ports over MySQL (or H2 in MySQL mode), in two kinds of store that do not depend on each other:
 * {@link dev.openmail.adapters.persistence.repository} holds the stores over Micronaut Data repository interfaces and
 * their row records, {@link dev.openmail.adapters.persistence.jdbc} those that run hand-written SQL through one
 * statement helper. This package holds what both kinds share: the transactions, the reading of SQL errors, and how
 * rows hold times.
 */
package dev.openmail.adapters.persistence;
