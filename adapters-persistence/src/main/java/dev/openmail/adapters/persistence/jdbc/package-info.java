/**
 * Stores whose SQL is written by hand and run through {@link dev.openmail.adapters.persistence.jdbc.Statements}: the
 * mail tables, whose large columns only some queries read, the outbox with its claims, and the idempotent sends.
 */
package dev.openmail.adapters.persistence.jdbc;
