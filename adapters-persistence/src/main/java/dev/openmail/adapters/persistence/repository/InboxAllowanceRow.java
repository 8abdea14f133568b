package dev.openmail.adapters.persistence.repository;

import io.micronaut.core.annotation.Introspected;

/** An account's inbox limit and the number of inboxes it holds, read together from its row. */
@Introspected
record InboxAllowanceRow(int inboxLimit, long inboxCount) {
}
