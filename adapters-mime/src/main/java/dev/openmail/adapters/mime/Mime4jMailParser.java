package dev.openmail.adapters.mime;

import dev.openmail.domain.mail.MessageTooComplexException;
import dev.openmail.domain.mail.MimeLimits;
import dev.openmail.domain.mail.ParsedAttachment;
import dev.openmail.domain.mail.ParsedMail;
import dev.openmail.domain.port.out.ParseMail;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.dom.field.AddressListField;
import org.apache.james.mime4j.dom.field.MailboxListField;
import org.apache.james.mime4j.dom.field.ParsedField;
import org.apache.james.mime4j.dom.field.UnstructuredField;
import org.apache.james.mime4j.field.LenientFieldParser;
import org.apache.james.mime4j.message.DefaultBodyDescriptorBuilder;
import org.apache.james.mime4j.message.MaximalBodyDescriptor;
import org.apache.james.mime4j.stream.EntityState;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.MimeTokenStream;
import org.apache.james.mime4j.stream.RecursionMode;
import org.apache.james.mime4j.util.CharsetUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads messages with Mime4j's pull parser rather than its DOM: a {@code message/rfc822} part is then handed over as
 * the embedded message's own bytes (the DOM would parse and re-serialise it), and the nesting depth can be capped
 * while parsing instead of after a hostile message has been built in memory. The {@link MimeLimits} on parts, header
 * fields and attachments are counted as the parts go by, so that a message of 500,000 parts is refused after its first
 * parts over the cap, without building the rest.
 */
@Singleton
public final class Mime4jMailParser implements ParseMail {

    /** Body parts nested deeper than this are skipped by default; mime4j stacks one boundary stream per level. */
    static final int MAX_DEPTH = MimeLimits.DEFAULTS.maxDepth();

    private static final Logger LOG = LoggerFactory.getLogger(Mime4jMailParser.class);

    private static final MimeConfig CONFIG = MimeConfig.copy(MimeConfig.PERMISSIVE)
            // the raw message is already in memory, so a size limit could only lose parts of it
            .setMaxContentLen(-1)
            // as most mail readers do, a line that is no header field ends the header and starts the body (mime4j
            // 0.8.14 then loses the line after it, which beats skipping every line up to the next empty one)
            .setMalformedHeaderStartsBody(true)
            .build();

    private static final Pattern FIELD_OR_EMPTY_LINE = Pattern.compile("[\\x21-\\x39\\x3B-\\x7E]+[ \\t]*:|\\r?\\n");

    /** No white space, separator or control character of any kind, none of which an address can carry. */
    private static final Pattern PLAUSIBLE_ADDRESS =
            Pattern.compile("[^\\s\\p{Cc}\\p{Z}@<>(),;:\"]+@[^\\s\\p{Cc}\\p{Z}@<>(),;:\"]+");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cc}");
    private static final Pattern BRACKETED_ID = Pattern.compile("<([^<>]*)>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern ID_SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private final MimeLimits limits;

    /** With {@link MimeLimits#DEFAULTS}. */
    public Mime4jMailParser() {
        this(MimeLimits.DEFAULTS);
    }

    @Inject
    public Mime4jMailParser(@Value("${openmail.mime.max-parts:1000}") int maxParts,
                            @Value("${openmail.mime.max-headers-per-part:1000}") int maxHeadersPerPart,
                            @Value("${openmail.mime.max-attachments:100}") int maxAttachments,
                            @Value("${openmail.mime.max-depth:50}") int maxDepth) {
        this(new MimeLimits(maxParts, maxHeadersPerPart, maxAttachments, maxDepth));
    }

    public Mime4jMailParser(MimeLimits limits) {
        this.limits = limits;
    }

    @Override
    public ParsedMail parse(byte[] raw) {
        if (raw == null || raw.length == 0) {
            return new Reading().result();
        }
        if (!FIELD_OR_EMPTY_LINE.matcher(new String(raw, 0, Math.min(raw.length, 1000), StandardCharsets.ISO_8859_1))
                .lookingAt()) {
            // no header at all, so all of it is body; mime4j would lose its second line (see CONFIG)
            return wholeAsText(raw);
        }
        try {
            return read(raw);
        } catch (MessageTooComplexException e) {
            throw e;
        } catch (IOException | MimeException | RuntimeException e) {
            // the port must not refuse a message, and the raw bytes are stored anyway: keep at least the text
            LOG.warn("Could not parse a {}-byte message as MIME; keeping it whole as plain text", raw.length, e);
            return wholeAsText(raw);
        }
    }

    private static ParsedMail wholeAsText(byte[] raw) {
        Reading whole = new Reading();
        whole.bodyText = new String(raw, StandardCharsets.UTF_8);
        return whole.result();
    }

    private ParsedMail read(byte[] raw) throws IOException, MimeException {
        MimeTokenStream stream = new MimeTokenStream(CONFIG, DecodeMonitor.SILENT,
                new DefaultBodyDescriptorBuilder(null, LenientFieldParser.getParser(), DecodeMonitor.SILENT));
        stream.setRecursionMode(RecursionMode.M_NO_RECURSE);
        stream.parse(new ByteArrayInputStream(raw));
        Reading reading = new Reading(limits.maxAttachments());
        int depth = 0;
        int parts = 0;
        int entityFieldCount = 0;
        int maxDepth = limits.maxDepth();
        for (EntityState state = stream.getState(); state != EntityState.T_END_OF_STREAM; state = stream.next()) {
            switch (state) {
                case T_START_HEADER -> {
                    reading.entityFields.clear();
                    entityFieldCount = 0;
                }
                case T_FIELD -> {
                    if (++entityFieldCount > limits.maxHeadersPerPart()) {
                        throw MessageTooComplexException.tooManyHeaders(limits.maxHeadersPerPart());
                    }
                    Field field = stream.getField();
                    reading.entityField(field);
                    if (depth == 0) {
                        reading.header(field);
                    }
                }
                case T_START_BODYPART, T_END_BODYPART -> {
                    reading.entityFields.clear();
                    reading.sawPart = true;
                    if (state == EntityState.T_START_BODYPART && ++parts > limits.maxParts()) {
                        throw MessageTooComplexException.tooManyParts(limits.maxParts());
                    }
                    depth += state == EntityState.T_START_BODYPART ? 1 : -1;
                    // a flat part does not open its multipart body, so nesting stops growing at the cap
                    stream.setRecursionMode(depth > maxDepth ? RecursionMode.M_FLAT : RecursionMode.M_NO_RECURSE);
                }
                case T_PREAMBLE -> {
                    if (reading.preamble == null) {
                        reading.preamble = stream.getInputStream().readAllBytes();
                    }
                }
                case T_BODY -> {
                    if (depth <= maxDepth) {
                        reading.part((MaximalBodyDescriptor) stream.getBodyDescriptor(),
                                stream.getDecodedInputStream().readAllBytes());
                    }
                }
                default -> {
                    // structure events carry nothing this parser keeps
                }
            }
        }
        return reading.result();
    }

    /** What has been read of one message so far. */
    private static final class Reading {
        final int maxAttachments;
        String from;
        final Set<String> to = new LinkedHashSet<>();
        final Set<String> cc = new LinkedHashSet<>();
        String subject;
        String rfcMessageId;
        String inReplyTo;
        List<String> references = List.of();
        String bodyText;
        String bodyHtml;
        final List<ParsedAttachment> attachments = new ArrayList<>();
        byte[] preamble;
        boolean sawPart;
        boolean fromSeen;
        /** The first Content-Type and Content-Disposition of the entity being read, for its file name. */
        final Map<String, Field> entityFields = new HashMap<>();

        Reading() {
            this(Integer.MAX_VALUE);
        }

        Reading(int maxAttachments) {
            this.maxAttachments = maxAttachments;
        }

        void entityField(Field field) {
            String name = field.getName().strip().toLowerCase(Locale.ROOT);
            if (name.equals("content-type") || name.equals("content-disposition")) {
                entityFields.putIfAbsent(name, field);
            }
        }

        void header(Field field) {
            String name = field.getName().toLowerCase(Locale.ROOT);
            switch (name) {
                case "from" -> {
                    if (!fromSeen) {
                        fromSeen = true;
                        if (parsed(field) instanceof MailboxListField mailboxes) {
                            from = firstAddress(mailboxes.getMailboxList());
                        }
                    }
                }
                case "to", "cc" -> {
                    if (parsed(field) instanceof AddressListField addresses && addresses.getAddressList() != null) {
                        addAddresses(addresses.getAddressList().flatten(), name.equals("to") ? to : cc);
                    }
                }
                case "subject" -> {
                    if (subject == null && parsed(field) instanceof UnstructuredField unstructured) {
                        subject = unstructured.getValue();
                    }
                }
                case "message-id" -> {
                    if (rfcMessageId == null) {
                        rfcMessageId = first(messageIds(field.getBody()));
                    }
                }
                case "in-reply-to" -> {
                    if (inReplyTo == null) {
                        inReplyTo = first(messageIds(field.getBody()));
                    }
                }
                case "references" -> {
                    if (references.isEmpty()) {
                        references = messageIds(field.getBody());
                    }
                }
                default -> {
                    // other header fields are kept only in the raw message
                }
            }
        }

        void part(MaximalBodyDescriptor descriptor, byte[] content) {
            String type = descriptor.getMimeType().toLowerCase(Locale.ROOT);
            String disposition = descriptor.getContentDispositionType();
            String filename = filename(entityFields);
            boolean message = type.equals("message/rfc822");
            boolean attachment = message
                    || "attachment".equalsIgnoreCase(disposition)
                    || (filename != null && ("inline".equalsIgnoreCase(disposition) || !type.startsWith("text/")));
            if (attachment) {
                if (attachments.size() >= maxAttachments) {
                    throw MessageTooComplexException.tooManyAttachments(maxAttachments);
                }
                int number = attachments.size() + 1;
                if (filename == null) {
                    filename = message ? "message-" + number + ".eml" : "attachment-" + number;
                }
                attachments.add(new ParsedAttachment(filename, withCharset(type, descriptor), content));
            } else if (content.length > 0 && type.equals("text/plain") && bodyText == null) {
                bodyText = text(content, descriptor.getCharset());
            } else if (content.length > 0 && type.equals("text/html") && bodyHtml == null) {
                bodyHtml = text(content, descriptor.getCharset());
            }
        }

        ParsedMail result() {
            if (!sawPart && preamble != null && bodyText == null) {
                // a multipart whose boundary never shows up is all preamble; its text is all there is to show
                bodyText = text(preamble, null);
            }
            return new ParsedMail(from, List.copyOf(to), List.copyOf(cc), subject, rfcMessageId, inReplyTo,
                    references, bodyText, bodyHtml, attachments);
        }
    }

    private static ParsedField parsed(Field field) {
        return field instanceof ParsedField parsedField
                ? parsedField
                : LenientFieldParser.getParser().parse(field, DecodeMonitor.SILENT);
    }

    private static String firstAddress(MailboxList mailboxes) {
        if (mailboxes != null) {
            for (Mailbox mailbox : mailboxes) {
                String address = address(mailbox);
                if (address != null) {
                    return address;
                }
            }
        }
        return null;
    }

    private static void addAddresses(MailboxList mailboxes, Set<String> into) {
        for (Mailbox mailbox : mailboxes) {
            String address = address(mailbox);
            if (address != null) {
                into.add(address);
            }
        }
    }

    /** Null for what the lenient parser made of text that is no address. */
    private static String address(Mailbox mailbox) {
        String address = mailbox.getAddress();
        return address != null && PLAUSIBLE_ADDRESS.matcher(address.strip()).matches()
                ? address.strip().toLowerCase(Locale.ROOT)
                : null;
    }

    /** The ids between angle brackets; a value without any is read as ids separated by spaces or commas. */
    private static List<String> messageIds(String value) {
        if (value == null) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        Matcher bracketed = BRACKETED_ID.matcher(value);
        while (bracketed.find()) {
            // folding inside an id is a sender's bug; ids never contain whitespace
            String id = WHITESPACE.matcher(bracketed.group(1)).replaceAll("");
            if (isMessageId(id)) {
                ids.add(id);
            }
        }
        if (ids.isEmpty()) {
            for (String id : ID_SEPARATORS.split(value.strip())) {
                if (isMessageId(id)) {
                    ids.add(id);
                }
            }
        }
        return List.copyOf(ids);
    }

    /** RFC 5322 section 3.6.4: an id is printable text; one with a control character (NUL first of all) is dropped. */
    private static boolean isMessageId(String id) {
        return !id.isEmpty() && !CONTROL.matcher(id).find();
    }

    private static String first(List<String> values) {
        return values.isEmpty() ? null : values.get(0);
    }

    /** The Content-Disposition {@code filename}, else the Content-Type {@code name}; null when neither names one. */
    private static String filename(Map<String, Field> fields) {
        String filename = FileNameParameter.value(fields.get("content-disposition"), "filename");
        if (filename == null || filename.isBlank()) {
            filename = FileNameParameter.value(fields.get("content-type"), "name");
        }
        return filename == null || filename.isBlank() ? null : filename.strip();
    }

    /**
     * A text type keeps the charset its part declared ({@code text/plain; charset=iso-8859-2}), so that whoever reads
     * the attachment later (the text extractor, a download) decodes it as the sender wrote it. Only a charset Java
     * knows is kept, under its canonical name: the header's own spelling is the sender's and goes no further.
     */
    private static String withCharset(String type, MaximalBodyDescriptor descriptor) {
        if (!type.startsWith("text/")) {
            return type;
        }
        String declared = descriptor.getContentTypeParameters().get("charset");
        Charset charset = declared == null ? null : CharsetUtil.lookup(declared.strip());
        return charset == null ? type : type + "; charset=" + charset.name().toLowerCase(Locale.ROOT);
    }

    /**
     * Declared US-ASCII and ISO-8859-1 are read as their common supersets, UTF-8 and windows-1252, since senders
     * label text that way that is not; a missing or unknown charset is read as UTF-8.
     */
    private static String text(byte[] content, String declaredCharset) {
        Charset charset = declaredCharset == null ? null : CharsetUtil.lookup(declaredCharset.strip());
        if (charset == null || charset.equals(StandardCharsets.US_ASCII)) {
            charset = StandardCharsets.UTF_8;
        } else if (charset.equals(StandardCharsets.ISO_8859_1)) {
            charset = WINDOWS_1252;
        }
        return new String(content, charset);
    }
}
