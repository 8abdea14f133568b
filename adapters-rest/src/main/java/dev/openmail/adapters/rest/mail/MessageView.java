package dev.openmail.adapters.rest.mail;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openmail.adapters.rest.PublicBaseUrl;
import dev.openmail.adapters.rest.json.Timestamps;
import dev.openmail.domain.mail.AttachmentInfo;
import dev.openmail.domain.extraction.AttachmentText;
import dev.openmail.domain.mail.Authentication;
import dev.openmail.domain.mail.Message;
import dev.openmail.domain.mail.BoundedMessage;
import dev.openmail.domain.mail.Direction;
import dev.openmail.domain.delivery.RecipientDelivery;
import dev.openmail.domain.mail.SpamVerdict;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.List;

/**
 * A message on the wire. HTML bodies are returned exactly as stored; nothing on the server renders them. The OpenAPI
 * description types the addresses, subject and both bodies as strings that are never null, so a part the message does
 * not have (a text-only message's HTML, say) is the empty string.
 */
@Serdeable
@Schema(name = "Message")
@JsonInclude(JsonInclude.Include.ALWAYS)
public record MessageView(String id, String threadId, String direction, String fromAddr, String toAddr,
                          @Nullable String headerTo, @Nullable String deliveryRole, List<String> cc, String subject,
                          String bodyText, String bodyHtml, List<AttachmentView> attachments,
                          String status, String createdAt,
                          @Schema(description = "Extension: what SPF, DKIM and DMARC said of the sender of a message"
                                  + " received over SMTP; null for sent mail.", nullable = true)
                          @Nullable AuthenticationView authentication,
                          @Schema(description = "Extension: the spam scanner's verdict on a message received over"
                                  + " SMTP when a scanner (rspamd) is configured; null otherwise.", nullable = true)
                          @Nullable SpamView spam,
                          @Schema(description = "Extension: whether bodyText or bodyHtml was cut to fit the answer's"
                                  + " budget of body characters (thread reads); GET /v1/messages/{id}/raw has all of it.")
                          boolean bodyTruncated,
                          @Schema(description = "Extension: for a message sent from an inbox here, what became of it"
                                  + " for each envelope recipient (to, cc, bcc in that order); null for received"
                                  + " mail.", nullable = true)
                          @Nullable List<DeliveryView> delivery) {

    public static MessageView of(Message message, PublicBaseUrl baseUrl) {
        return of(message, false, baseUrl);
    }

    public static MessageView of(BoundedMessage read, PublicBaseUrl baseUrl) {
        return of(read.message(), read.bodyTruncated(), read.delivery(), baseUrl);
    }

    public static MessageView of(Message message, boolean bodyTruncated, PublicBaseUrl baseUrl) {
        return of(message, bodyTruncated, List.of(), baseUrl);
    }

    private static MessageView of(Message message, boolean bodyTruncated, List<RecipientDelivery> delivery,
                                  PublicBaseUrl baseUrl) {
        return new MessageView(message.id().value(), message.threadId().value(), message.direction().wireName(),
                orEmpty(message.fromAddr()), orEmpty(message.toAddr()), message.headerTo(),
                message.deliveryRole() == null ? null : message.deliveryRole().wireName(), message.cc(),
                orEmpty(message.subject()), orEmpty(message.bodyText()), orEmpty(message.bodyHtml()),
                message.attachments().stream().map(attachment -> AttachmentView.of(message, attachment, baseUrl)).toList(),
                message.status().wireName(), Timestamps.format(message.createdAt()),
                AuthenticationView.of(message.authentication()), SpamView.of(message.spam()), bodyTruncated,
                message.direction() == Direction.OUTBOUND
                        ? delivery.stream().map(DeliveryView::of).toList() : null);
    }

    /**
     * An extension: one recipient of a sent message. {@code status} is {@code queued} (not tried yet),
     * {@code deferred} (tried, will be tried again), {@code delivered} (accepted by the recipient's server, or filed in
     * an inbox here), {@code failed} (refused for good, or given up on) or {@code bounced} (accepted, then reported
     * undeliverable by a bounce that came back); {@code reply} is the recipient's server's last answer.
     */
    @Serdeable
    @Schema(name = "MessageRecipientDelivery")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DeliveryView(String address,
                               @Schema(allowableValues = {"queued", "deferred", "delivered", "failed", "bounced"})
                               String status, String reply, String host, int attempts, String updatedAt) {

        static DeliveryView of(RecipientDelivery recipient) {
            return new DeliveryView(recipient.address(), recipient.state().wireName(), recipient.reply(),
                    recipient.host(), recipient.attempts(), Timestamps.format(recipient.updatedAt()));
        }
    }

    static String orEmpty(String text) {
        return text == null ? "" : text;
    }

    /**
     * An extension: each an RFC 8601 result word (pass, fail, softfail, neutral, none, temperror, permerror), and
     * whether the message spoofs a sender on one of this installation's domains.
     */
    @Serdeable
    @Schema(name = "MessageAuthentication")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AuthenticationView(String spf, String dkim, String dmarc,
                                     @Schema(description = "True when the From address is on a domain this"
                                             + " installation hosts (its own mail domain, or any account's verified"
                                             + " domain) but the message came from outside without passing DMARC:"
                                             + " it is not from the local sender it names.")
                                     boolean spoofedLocalSender) {

        /** Null when the message was not checked. */
        public static AuthenticationView of(Authentication authentication) {
            return authentication == null ? null : new AuthenticationView(authentication.spf().word(),
                    authentication.dkim().word(), authentication.dmarc().word(), authentication.spoofedLocalSender());
        }
    }

    /**
     * An extension: {@code {"status":"scanned","score","action","symbols"}}, or {@code {"status":"unscanned",
     * "reason"}} when the scanner was slow, down or answered nonsense (the message was accepted anyway).
     */
    @Serdeable
    @Schema(name = "MessageSpam")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record SpamView(@Schema(allowableValues = {"scanned", "unscanned"}) String status,
                           @Nullable @Schema(description = "scanned only: rspamd's score") Double score,
                           @Nullable @Schema(description = "scanned only: rspamd's action, e.g. no action,"
                                   + " add header, rewrite subject, soft reject, reject") String action,
                           @Nullable @Schema(description = "scanned only: the names of the rules that matched")
                           List<String> symbols,
                           @Nullable @Schema(description = "unscanned only: why the message was not scanned")
                           String reason) {

        /** Null when no scanner is configured. */
        public static SpamView of(SpamVerdict spam) {
            if (spam == null) {
                return null;
            }
            return spam.status() == SpamVerdict.Status.SCANNED
                    ? new SpamView("scanned", spam.score(), spam.action(), spam.symbols(), null)
                    : new SpamView("unscanned", null, null, null, spam.reason());
        }
    }

    /** An attachment's description; {@code url}, absolute, fetches its bytes with the same API key. */
    @Serdeable
    @Schema(name = "MessageAttachment")
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record AttachmentView(String filename, String contentType, long sizeBytes, String url,
                                 @Schema(description = "The attachment's text, at most the extraction limit of"
                                         + " characters; null when none was read (see extractionMethod).",
                                         nullable = true)
                                 @Nullable String parsedText,
                                 @Schema(description = "How parsedText was read (pdf, ocr, office, csv, text), or why"
                                         + " there is none (unsupported, skipped_too_large, encrypted, ocr_unavailable,"
                                         + " timeout, too_complex, pdf_error, extraction_error); null while the"
                                         + " attachment has not been read yet.", nullable = true)
                                 @Nullable String extractionMethod,
                                 @Schema(description = "Extension: whether parsedText was cut at the extraction limit.")
                                 boolean parsedTextTruncated) {

        static AttachmentView of(Message message, AttachmentInfo attachment, PublicBaseUrl baseUrl) {
            AttachmentText text = attachment.textOrNull();
            return new AttachmentView(attachment.filename(), attachment.contentType(), attachment.sizeBytes(),
                    baseUrl.attachment(message.id().value(), attachment.filename()),
                    text == null ? null : text.textOrNull(), text == null ? null : text.extractionMethod(),
                    text != null && text.truncated());
        }
    }
}
