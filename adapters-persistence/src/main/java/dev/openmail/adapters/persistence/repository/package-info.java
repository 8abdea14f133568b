/**
 * Stores over Micronaut Data JDBC: a repository interface and a row record per table, and a mapper between rows and
 * the domain's objects (accounts, API keys, pods, inboxes, domains).
 */
package dev.openmail.adapters.persistence.repository;
