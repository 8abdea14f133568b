package dev.openmail.domain.usage;

/** An account's totals over its inboxes, and the quota that applies to it. */
public record AccountUsage(long inboundMessages, long outboundMessages, long storedBytes, StorageQuota quota) {
}
