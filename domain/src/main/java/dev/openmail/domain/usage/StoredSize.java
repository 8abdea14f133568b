package dev.openmail.domain.usage;

import dev.openmail.domain.mail.ParsedAttachment;

import java.util.List;

/**
 * What one stored copy of a message counts against quotas: its raw bytes as stored plus the decoded bytes of each
 * attachment, which are stored once more beside it (the same numbers the storage holds, so the migration's count of
 * existing mail and the counters agree).
 */
public final class StoredSize {

    private StoredSize() {
    }

    public static long of(byte[] raw, List<ParsedAttachment> attachments) {
        long size = raw.length;
        for (ParsedAttachment attachment : attachments) {
            size += attachment.content().length;
        }
        return size;
    }
}
