package dev.openmail.domain.mail;

/**
 * How complex a received message may be. Each cap is checked while the message is read, part by part, so that a
 * hostile message is refused after reading at most the cap's worth of it: a message over a cap is refused whole
 * ({@link MessageTooComplexException}) rather than stored in part. Parts nested deeper than {@code maxDepth} are not
 * refused but skipped (their bytes stay in the raw message).
 *
 * @param maxParts          MIME body parts in the whole message, at every depth
 * @param maxHeadersPerPart header fields of the message, and of each of its parts
 * @param maxAttachments    parts that become attachments
 * @param maxDepth          multipart nesting read; deeper parts are skipped
 */
public record MimeLimits(int maxParts, int maxHeadersPerPart, int maxAttachments, int maxDepth) {

    public static final MimeLimits DEFAULTS = new MimeLimits(1_000, 1_000, OutgoingMail.MAX_ATTACHMENTS, 50);

    public MimeLimits {
        if (maxParts < 1 || maxHeadersPerPart < 1 || maxAttachments < 0 || maxDepth < 1) {
            throw new IllegalArgumentException("MIME limits must be positive (attachments may be 0): parts "
                    + maxParts + ", headers " + maxHeadersPerPart + ", attachments " + maxAttachments + ", depth "
                    + maxDepth);
        }
    }
}
